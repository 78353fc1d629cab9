import type { Expr } from '../model/sourceModel.js';
import type { RawFinding, Rule } from '../rule.js';
import { isLogCall } from './logInjection.js';

/** Names whose values should not be logged: prompts, model traffic, credentials, personal data. */
const SENSITIVE =
  /^(prompt|prompts|system_prompt|systemPrompt|messages|api_?key|apiKey|token|access_?token|password|passwd|secret|authorization|ssn|credit_?card|card_?number|dob|date_of_birth)$/i;

/** Calls that log something about a value without logging the value. */
const SUMMARIES = new Set([
  'len',
  'length',
  'count',
  'hash',
  'sha256',
  'hashlib.sha256',
  'bool',
  'type',
  'typeof',
  'id',
]);

/** The first name or member in what is logged that holds sensitive content (a member counts by its last segment: `messages.length` does not). */
function sensitiveIn(expr: Expr, depth = 0): string | undefined {
  if (depth > 32) return undefined;
  switch (expr.kind) {
    case 'name':
      return SENSITIVE.test(expr.name) ? expr.name : undefined;
    case 'member':
      return SENSITIVE.test(expr.path.slice(expr.path.lastIndexOf('.') + 1)) ? expr.path : undefined;
    case 'call':
      if (SUMMARIES.has(expr.call.callee)) return undefined;
      return [...expr.call.args, ...expr.call.named.map((n) => n.value)]
        .map((a) => sensitiveIn(a, depth + 1))
        .find((x) => x !== undefined);
    case 'interpolation':
      return expr.parts.map((p) => sensitiveIn(p, depth + 1)).find((x) => x !== undefined);
    case 'object':
      return [...expr.props.map((p) => p.value), ...expr.spread]
        .map((v) => sensitiveIn(v, depth + 1))
        .find((x) => x !== undefined);
    case 'array':
      return expr.items.map((i) => sensitiveIn(i, depth + 1)).find((x) => x !== undefined);
    case 'other':
      return expr.children.map((c) => sensitiveIn(c, depth + 1)).find((x) => x !== undefined);
    default:
      return undefined;
  }
}

export const sensitiveLogging: Rule = {
  meta: {
    id: 'MAESTRO-L4-002',
    layer: 4,
    severity: 'medium',
    checklist: 'L4.2',
    title: 'Prompts, credentials or personal data are written to the logs',
    description:
      'A log call includes a prompt, the message list, a key, a token or a personal field. Logs travel far (SIEMs, support tickets, vendors) and are kept long; what is in them leaks.',
    mitigation:
      'Log ids, counts, hashes and lanes instead of content; redact with scanOutput() or the logger’s redaction paths when content must be kept.',
    threat: 'Sensitive data in logs',
    refs: {
      layer: 4,
      owaspLlm: ['LLM02'],
      atlas: ['AML.T0057'],
      controls: ['C19'],
      threats: ['T4'],
      nist: ['MANAGE'],
      iso: ['A.7.4', 'A.6.2.8'],
    },
    examples: {
      language: 'typescript',
      vulnerable: 'console.log("sending", messages, apiKey);',
      fixed: 'log.info({ messages: messages.length, traceId }, "sending");',
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    for (const { fn } of functions) {
      for (const call of fn.calls) {
        if (!isLogCall(call)) continue;
        const what = call.args.map((a) => sensitiveIn(a)).find((x) => x !== undefined);
        if (what !== undefined)
          out.push({ file: model.file, span: call.span, message: `${call.callee}(...) logs ${what}.` });
      }
    }
    return out;
  },
};

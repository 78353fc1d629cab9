import { INSTRUCTION_KEYS, isModelCall, isPromptBuilder } from '../analysis/dataflow.js';
import type { Expr } from '../model/sourceModel.js';
import { spanOf, walkExpr } from '../model/sourceModel.js';
import type { RawFinding, Rule } from '../rule.js';

/** Objects like `{ role: 'system', content: x }`: their content is instructions. */
function systemContents(expr: Expr): Expr[] {
  const out: Expr[] = [];
  for (const e of walkExpr(expr)) {
    if (e.kind !== 'object') continue;
    const role = e.props.find((p) => p.key === 'role')?.value;
    if (role?.kind === 'string' && (role.value === 'system' || role.value === 'developer')) {
      const content = e.props.find((p) => p.key === 'content')?.value;
      if (content !== undefined) out.push(content);
    }
    for (const p of e.props) if (INSTRUCTION_KEYS.has(p.key)) out.push(p.value);
  }
  return out;
}

export const promptInjectionFlow: Rule = {
  meta: {
    id: 'MAESTRO-L1-001',
    layer: 1,
    severity: 'high',
    checklist: 'L1.1',
    title: 'Untrusted input is spliced into a prompt',
    description:
      'Text from a request, a user, a tool result or a retrieved document is interpolated or concatenated into a prompt string that reaches a model call. The model cannot tell the data from the instructions around it: whoever controls the text controls the prompt (direct or indirect prompt injection).',
    mitigation:
      'Keep instructions and data apart: a fixed system prompt, the untrusted text in its own user (or tool) message, a structured output schema for the answer, and securityScan() on the text before it is sent.',
    threat: 'Prompt injection',
    refs: {
      layer: 1,
      owaspLlm: ['LLM01'],
      owaspAgentic: ['T6'],
      atlas: ['AML.T0051'],
      controls: ['C1', 'C2'],
      threats: ['T1'],
      nist: ['MANAGE'],
      iso: ['A.6.2.4'],
    },
    examples: {
      language: 'python',
      vulnerable:
        'prompt = f"Evaluate: {user_input}"\nclient.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": prompt}])',
      fixed:
        'client.chat.completions.create(model=MODEL, messages=[\n    {"role": "system", "content": "Evaluate the text in the next message."},\n    {"role": "user", "content": user_input},\n], response_format=EvalResult)',
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    for (const { fn, flow } of functions) {
      for (const call of fn.calls) {
        if (!isModelCall(call) && !isPromptBuilder(call)) continue;
        const args = [...call.args, ...call.named.map((n) => n.value)];
        const instructionArgs = call.named.filter((n) => INSTRUCTION_KEYS.has(n.key)).map((n) => n.value);
        const inSystem = [...args.flatMap(systemContents), ...instructionArgs].find((e) => flow.isTainted(e));
        if (inSystem !== undefined) {
          out.push({
            file: model.file,
            span: spanOf(inSystem),
            message: `Untrusted input reaches the system prompt / instructions of ${call.callee}.`,
          });
          continue;
        }
        if (args.some((a) => flow.hasInterpolatedTaint(a))) {
          out.push({
            file: model.file,
            span: call.span,
            message: `Untrusted input is interpolated into the prompt passed to ${call.callee}.`,
          });
        }
      }
    }
    return out;
  },
};

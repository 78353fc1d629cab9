import type { Expr } from '../model/sourceModel.js';
import { walkExpr } from '../model/sourceModel.js';
import type { RawFinding, Rule } from '../rule.js';

const PARSERS = new Set([
  'JSON.parse',
  'json.loads',
  'json.load',
  'orjson.loads',
  'ujson.loads',
  'yaml.safe_load',
  'yaml.load',
]);
const VALIDATORS = [
  '.parse',
  '.safeParse',
  '.parseAsync',
  '.safeParseAsync',
  '.model_validate',
  '.model_validate_json',
  '.parse_obj',
  '.parse_raw',
  '.validate',
  'validate',
  'assert_type',
  'TypeAdapter',
];

function names(expr: Expr): Set<string> {
  const out = new Set<string>();
  for (const e of walkExpr(expr)) if (e.kind === 'name') out.add(e.name);
  return out;
}

export const unvalidatedJsonParse: Rule = {
  meta: {
    id: 'MAESTRO-L2-003',
    layer: 2,
    severity: 'medium',
    checklist: 'L2.1',
    title: 'Model output is parsed as JSON and used without schema validation',
    description:
      'JSON.parse / json.loads of a model’s answer yields whatever the model wrote: missing fields, wrong types, extra keys, values out of range. Code that trusts it misbehaves, and injected text can shape it.',
    mitigation:
      'Validate the parsed value with a schema (zod .parse, pydantic model_validate) or ask the SDK for structured output, and fail closed when it does not fit.',
    threat: 'Type confusion',
    refs: {
      layer: 2,
      owaspLlm: ['LLM05'],
      controls: ['C1', 'C23'],
      threats: ['T4'],
      nist: ['MANAGE'],
      iso: ['A.6.2.4'],
    },
    examples: {
      language: 'typescript',
      vulnerable: 'const plan = JSON.parse(completion.choices[0].message.content);\nawait run(plan.steps);',
      fixed:
        'const plan = Plan.parse(JSON.parse(completion.choices[0].message.content));\nawait run(plan.steps);',
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    for (const { fn, flow } of functions) {
      const validated = new Set<string>();
      for (const call of fn.calls) {
        if (VALIDATORS.some((v) => call.callee.endsWith(v)) && !PARSERS.has(call.callee)) {
          for (const a of [...call.args, ...call.named.map((n) => n.value)])
            for (const n of names(a)) validated.add(n);
        }
      }
      for (const call of fn.calls) {
        if (!PARSERS.has(call.callee) || !call.args.some((a) => flow.isModelOutput(a))) continue;
        // Parsed straight into a validator (Schema.parse(JSON.parse(...))) counts as validated.
        const wrapped = fn.calls.some(
          (c) =>
            c !== call &&
            VALIDATORS.some((v) => c.callee.endsWith(v)) &&
            !PARSERS.has(c.callee) &&
            c.args.some(
              (a) =>
                a.kind === 'call' && a.call.span.line === call.span.line && a.call.callee === call.callee,
            ),
        );
        const target = fn.assignments.find(
          (a) =>
            a.value.kind === 'call' &&
            a.value.call.span.line === call.span.line &&
            a.value.call.callee === call.callee,
        );
        if (wrapped || (target !== undefined && validated.has(target.target))) continue;
        out.push({
          file: model.file,
          span: call.span,
          message: `${call.callee} of model output is used without schema validation.`,
        });
      }
    }
    return out;
  },
};

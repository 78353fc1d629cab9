import type { RawFinding, Rule } from '../rule.js';
import { isLooseType, isToolFunction, toolObjects } from './toolSchemas.js';

export const untypedToolParams: Rule = {
  meta: {
    id: 'MAESTRO-L2-001',
    layer: 2,
    severity: 'medium',
    checklist: 'L2.1',
    title: 'Tool parameters are untyped (any / dict / object) with no schema',
    description:
      'A tool takes its arguments as any, dict or object. The model chooses those arguments, and injected text can steer it: without a typed schema nothing checks their shape, ranges or paths before the tool acts (type confusion, excessive agency).',
    mitigation:
      'Declare the arguments with a schema (zod in TypeScript, a pydantic model or typed parameters in Python) and validate them before the tool runs; maestro’s defineTool does both.',
    threat: 'Type confusion',
    refs: {
      layer: 2,
      owaspLlm: ['LLM06'],
      owaspAgentic: ['T2'],
      atlas: ['AML.T0053'],
      controls: ['C1'],
      threats: ['T1'],
      nist: ['MANAGE'],
      iso: ['A.6.2.5'],
    },
    examples: {
      language: 'python',
      vulnerable: '@function_tool\ndef refund(context: dict) -> dict:\n    return pay(context["amount"])',
      fixed:
        'class Refund(BaseModel):\n    order_id: str\n    amount: conint(gt=0, le=500)\n\n@function_tool\ndef refund(args: Refund) -> RefundResult: ...',
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    for (const { fn } of functions) {
      if (model.language === 'python' && isToolFunction(fn)) {
        for (const p of fn.params) {
          if (
            ['self', 'cls', 'ctx'].includes(p.name) ||
            (p.name === 'context' && p.type?.includes('Context'))
          )
            continue;
          if (isLooseType(p.type)) {
            out.push({
              file: model.file,
              span: p.span,
              message: `Tool ${fn.name} takes ${p.name} as ${p.type ?? 'an untyped parameter'}.`,
            });
          }
        }
      }
      for (const { props } of toolObjects(fn.calls)) {
        const execute = props.get('execute') ?? props.get('func') ?? props.get('handler');
        if (execute?.kind !== 'function') continue;
        const hasSchema = ['parameters', 'inputSchema', 'schema', 'input'].some((k) => props.has(k));
        if (hasSchema) continue;
        for (const p of execute.fn.params) {
          if (p.type !== undefined && isLooseType(p.type)) {
            out.push({
              file: model.file,
              span: p.span,
              message: `Tool handler takes ${p.name} as ${p.type} with no schema.`,
            });
          }
        }
      }
    }
    return out;
  },
};

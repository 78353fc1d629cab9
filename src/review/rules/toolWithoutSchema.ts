import { walkExpr } from '../model/sourceModel.js';
import type { RawFinding, Rule } from '../rule.js';
import { toolObjects } from './toolSchemas.js';

export const toolWithoutSchema: Rule = {
  meta: {
    id: 'MAESTRO-L2-002',
    layer: 2,
    severity: 'medium',
    checklist: 'L2.2',
    title: 'A tool is declared without an input schema',
    description:
      'A tool definition has no parameters / inputSchema / args_schema. The model then sends whatever it likes, and the handler has to trust it.',
    mitigation:
      'Give every tool an input schema (JSON Schema, zod or pydantic) with required fields, types and bounds, and validate against it.',
    threat: 'Type confusion',
    refs: {
      layer: 2,
      owaspLlm: ['LLM06'],
      owaspAgentic: ['T2'],
      atlas: ['AML.T0053'],
      controls: ['C1'],
      threats: ['T1'],
      nist: ['MANAGE'],
      iso: ['A.6.2.4'],
    },
    examples: {
      language: 'typescript',
      vulnerable:
        "const search = tool({ description: 'Search orders', execute: async (args) => db.find(args) });",
      fixed:
        "const search = tool({ description: 'Search orders', parameters: z.object({ orderId: z.string().max(32) }), execute: async ({ orderId }) => db.find(orderId) });",
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    for (const { fn } of functions) {
      for (const { call, props } of toolObjects(fn.calls)) {
        if (!props.has('execute') && !props.has('func') && !props.has('handler')) continue;
        if (['parameters', 'inputSchema', 'schema', 'input', 'args_schema'].some((k) => props.has(k)))
          continue;
        out.push({
          file: model.file,
          span: call.span,
          message: `${call.callee}(...) declares a tool without an input schema.`,
        });
      }
      for (const call of fn.calls) {
        if (call.callee === 'Tool' || call.callee.endsWith('.Tool')) {
          const keys = new Set(call.named.map((n) => n.key));
          if (keys.has('func') && !keys.has('args_schema')) {
            out.push({
              file: model.file,
              span: call.span,
              message: 'Tool(...) is declared without args_schema.',
            });
          }
        }
      }
      // Raw OpenAI-style tool declarations: { type: 'function', function: { name, ... } } without parameters.
      for (const a of fn.assignments) {
        for (const e of walkExpr(a.value)) {
          if (e.kind !== 'object') continue;
          const type = e.props.find((p) => p.key === 'type')?.value;
          const fnDecl = e.props.find((p) => p.key === 'function')?.value;
          if (type?.kind === 'string' && type.value === 'function' && fnDecl?.kind === 'object') {
            if (!fnDecl.props.some((p) => p.key === 'parameters')) {
              out.push({
                file: model.file,
                span: e.span,
                message: 'A function tool is declared without parameters.',
              });
            }
          }
        }
      }
    }
    return out;
  },
};

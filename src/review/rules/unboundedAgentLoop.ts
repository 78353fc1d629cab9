import { isModelCall } from '../analysis/dataflow.js';
import type { RawFinding, Rule } from '../rule.js';

/** Keyword arguments that bound an agent run, and values that do not really bound it. */
const BOUND_KEYS = new Set([
  'max_iterations',
  'maxIterations',
  'max_turns',
  'maxTurns',
  'max_steps',
  'maxSteps',
  'recursion_limit',
  'recursionLimit',
  'max_consecutive_auto_reply',
  'max_round',
  'max_rounds',
  'stopWhen',
]);
const HUGE = 1000;
const INTERACTIVE = new Set(['input', 'readline', 'question', 'getpass', 'ask', 'prompt']);

/** Reads a person's next message: input(), input_with_fallback(), rl.question(), Prompt.ask(), … */
function isInteractive(callee: string): boolean {
  const name = callee.slice(callee.lastIndexOf('.') + 1).toLowerCase();
  return (
    INTERACTIVE.has(name) ||
    name.startsWith('input_') ||
    name.endsWith('_input') ||
    callee === 'sys.stdin.readline'
  );
}

export const unboundedAgentLoop: Rule = {
  meta: {
    id: 'MAESTRO-L5-001',
    layer: 5,
    severity: 'high',
    checklist: 'L5.3',
    title: 'An agent loop has no step bound',
    description:
      'A loop that calls a model (or an agent) has no condition that ends it, or an agent runs with its iteration limit unset or huge. A model that never says "done" — or is told by injected text not to — burns tokens, money and workers forever.',
    mitigation:
      'Bound every agent loop: a step counter or max_iterations / max_turns / maxSteps in the tens, a per-run timeout, and a budget (maestro’s executor tasks count steps and cost).',
    threat: 'Resource exhaustion',
    refs: {
      layer: 5,
      owaspLlm: ['LLM10'],
      owaspAgentic: ['T4'],
      atlas: ['AML.T0034'],
      controls: ['C22'],
      threats: ['T3'],
      nist: ['MANAGE'],
      iso: ['A.4.5'],
    },
    examples: {
      language: 'python',
      vulnerable: 'while True:\n    reply = agent.run(task)\n    if "DONE" in reply: break',
      fixed:
        'for step in range(MAX_STEPS):\n    reply = agent.run(task)\n    if "DONE" in reply: break\nelse:\n    raise StepLimitExceeded()',
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    for (const { fn } of functions) {
      for (const loop of fn.loops) {
        if (!loop.unconditional) continue;
        if (!loop.calls.some((c) => isModelCall(c))) continue;
        // A REPL waits for a person each turn: it is bounded by them, not by the model.
        if (loop.calls.some((c) => isInteractive(c.callee))) continue;
        out.push({
          file: model.file,
          span: loop.span,
          message: loop.hasBreak
            ? 'An unconditional loop calls a model and ends only when the model’s answer says so: no step bound.'
            : 'An unconditional loop calls a model and never ends.',
        });
      }
      for (const call of fn.calls) {
        for (const n of [...call.named, ...call.args.flatMap((a) => (a.kind === 'object' ? a.props : []))]) {
          if (!('key' in n) || !BOUND_KEYS.has(n.key)) continue;
          const v = n.value;
          if (
            (v.kind === 'number' && v.value > HUGE) ||
            (v.kind === 'name' && (v.name === 'None' || v.name === 'Infinity')) ||
            (v.kind === 'member' && v.path.endsWith('inf'))
          ) {
            out.push({
              file: model.file,
              span: v.kind === 'number' || v.kind === 'name' || v.kind === 'member' ? v.span : call.span,
              message: `${n.key} does not bound the run (${v.kind === 'number' ? v.value : v.kind === 'name' ? v.name : 'infinite'}).`,
            });
          }
        }
      }
    }
    return out;
  },
};

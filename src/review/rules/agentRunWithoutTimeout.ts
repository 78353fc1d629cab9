import type { Call } from '../model/sourceModel.js';
import type { RawFinding, Rule } from '../rule.js';

/** Agent runners and the option that bounds their time. */
const RUNNERS: ReadonlyArray<{
  readonly callee: (c: string) => boolean;
  readonly keys: readonly string[];
  readonly what: string;
}> = [
  {
    callee: (c) => c === 'AgentExecutor' || c.endsWith('.AgentExecutor') || c === 'initialize_agent',
    keys: ['max_execution_time'],
    what: 'the agent executor',
  },
  {
    callee: (c) => c === 'Crew' || c.endsWith('.Crew'),
    keys: ['max_execution_time', 'max_rpm'],
    what: 'the crew',
  },
  {
    callee: (c) => c === 'generateText' || c === 'streamText',
    keys: ['abortSignal', 'timeout'],
    what: 'the tool-calling generation',
  },
  {
    callee: (c) => c === 'Runner.run' || c === 'run' || c === 'Runner.run_streamed',
    keys: ['signal', 'timeout'],
    what: 'the agent run',
  },
];
/** Wrappers that put a deadline around whatever they run. */
const DEADLINES = [
  'asyncio.wait_for',
  'asyncio.timeout',
  'timeout',
  'wait_for',
  'anyio.fail_after',
  'AbortSignal.timeout',
  'signal.alarm',
  'with_timeout',
];

function options(call: Call): Set<string> {
  const keys = new Set(call.named.map((n) => n.key));
  for (const a of call.args) if (a.kind === 'object') for (const p of a.props) keys.add(p.key);
  return keys;
}

export const agentRunWithoutTimeout: Rule = {
  meta: {
    id: 'MAESTRO-L5-002',
    layer: 5,
    severity: 'low',
    checklist: 'L5.1',
    title: 'An agent run has no time limit',
    description:
      'An agent, crew or tool-calling generation is started with no deadline: no max_execution_time, abort signal or timeout around it. A slow tool, a looping plan or a model steered into stalling keeps the run — and its worker, tokens and locks — going indefinitely.',
    mitigation:
      'Give every run a deadline: max_execution_time for LangChain executors and CrewAI, an AbortSignal.timeout() for the Vercel AI SDK and the Agents SDK, asyncio.wait_for around Python runs; and a step limit besides.',
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
      vulnerable: 'executor = AgentExecutor(agent=agent, tools=tools, max_iterations=10)',
      fixed: 'executor = AgentExecutor(agent=agent, tools=tools, max_iterations=10, max_execution_time=60)',
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    // A bare run(agent, input) is the Agents SDK's only where it is imported.
    const agentsSdk = model.imports.some((i) => i.module === '@openai/agents' || i.module === 'agents');
    for (const { fn } of functions) {
      if (fn.calls.some((c) => DEADLINES.some((d) => c.callee === d || c.callee.endsWith(`.${d}`)))) continue;
      for (const call of fn.calls) {
        const runner = RUNNERS.find((r) => r.callee(call.callee));
        if (runner === undefined) continue;
        const keys = options(call);
        // generateText without tools is one model call (the client's timeout covers it); run() needs an agent and input.
        if ((call.callee === 'generateText' || call.callee === 'streamText') && !keys.has('tools')) continue;
        if (call.callee === 'run' && (call.args.length < 2 || !agentsSdk)) continue;
        if (runner.keys.some((k) => keys.has(k))) continue;
        out.push({
          file: model.file,
          span: call.span,
          message: `${call.callee}(...) starts ${runner.what} with no time limit.`,
        });
        return out; // one per file: the same fix applies to every run in it
      }
    }
    return out;
  },
};

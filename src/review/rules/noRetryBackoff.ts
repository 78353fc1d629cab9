import type { SourceModel } from '../model/sourceModel.js';
import type { RawFinding, Rule } from '../rule.js';

/** Libraries and names that show retries with backoff or a circuit breaker somewhere in the code. */
const RESILIENCE_MODULES = [
  'tenacity',
  'backoff',
  'retrying',
  'stamina',
  'p-retry',
  'async-retry',
  'cockatiel',
  'opossum',
  'retry',
  'pybreaker',
  'circuitbreaker',
];
const RESILIENCE_NAMES = ['max_retries', 'maxRetries', 'retry', 'retries', 'backoff'];

export const noRetryBackoff: Rule = {
  meta: {
    id: 'MAESTRO-L3-002',
    layer: 3,
    severity: 'low',
    checklist: 'L3.2',
    title: 'External calls with no retry, backoff or circuit breaker anywhere',
    description:
      'The project calls models or HTTP services but nothing in it retries with backoff or breaks a circuit: one failing dependency fails every run, and naive retries in a loop amplify an outage.',
    mitigation:
      'Wrap external calls in retries with exponential backoff and jitter and a circuit breaker (tenacity / backoff in Python, cockatiel or p-retry in TypeScript, or the SDK’s max_retries).',
    threat: 'Service unavailability',
    refs: {
      layer: 3,
      owaspAgentic: ['T4'],
      controls: ['C22'],
      threats: ['T3'],
      nist: ['MANAGE'],
      iso: ['A.4.5'],
    },
    examples: {
      language: 'python',
      vulnerable: 'def ask(q):\n    return client.chat.completions.create(model=M, messages=q)',
      fixed:
        '@retry(wait=wait_random_exponential(max=20), stop=stop_after_attempt(4))\ndef ask(q):\n    return client.chat.completions.create(model=M, messages=q)',
    },
  },
  checkRepo(repo) {
    const isExternal = (callee: string) =>
      /(^|\.)(create|invoke|fetch|get|post|run)$/.test(callee) &&
      /openai|anthropic|requests|fetch|httpx|axios|llm|client|agent/i.test(callee);
    const resilientSource = (s: SourceModel) =>
      s.imports.some(
        (i) =>
          i.module !== undefined &&
          RESILIENCE_MODULES.some(
            (m) => i.module === m || i.module?.startsWith(`${m}.`) || i.module?.startsWith(`${m}/`),
          ),
      ) ||
      s.functions.some((f) =>
        f.calls.some(
          (c) =>
            c.named.some((n) => RESILIENCE_NAMES.includes(n.key)) ||
            c.args.some((a) => a.kind === 'object' && a.props.some((p) => RESILIENCE_NAMES.includes(p.key))),
        ),
      );
    // Per language: a Python retry library does not protect the TypeScript half of a project.
    const out: RawFinding[] = [];
    for (const language of ['typescript', 'python'] as const) {
      const sources = repo.sources.filter((s) => s.language === language);
      const external = sources.find((s) =>
        s.functions.some((f) => f.calls.some((c) => isExternal(c.callee))),
      );
      if (external === undefined || sources.some(resilientSource)) continue;
      const call = external.functions.flatMap((f) => f.calls).find((c) => isExternal(c.callee));
      out.push({
        file: external.file,
        span: call?.span ?? { line: 1, column: 1, endLine: 1, endColumn: 1 },
        message:
          'The project makes external calls but uses no retry/backoff library, max_retries setting or circuit breaker.',
      });
    }
    return out;
  },
};

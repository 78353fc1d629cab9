import type { CsaLayerName, LayerId } from './ids.js';
import type { MaestroModule } from './modules.js';

/** One threat a layer faces and what maestro does about it. */
export interface LayerThreat {
  readonly threat: string;
  readonly mitigation: string;
}

/** A MAESTRO layer as our users know it, with its Cloud Security Alliance counterpart. */
export interface Layer {
  readonly id: LayerId;
  readonly name: string;
  /** What the layer is about. */
  readonly focus: string;
  /** The concern a reviewer checks first. */
  readonly keyConcern: string;
  readonly threats: readonly LayerThreat[];
  /** Where maestro implements the layer's controls (a folder of `src/`, or a concept inside one). */
  readonly modules: readonly MaestroModule[];
  /** The CSA MAESTRO layer this one corresponds to (see `csaLayers.ts` for the reasoning). */
  readonly csaLayer: CsaLayerName;
}

/**
 * The seven layers, bottom (the model) to top (coordination of many agents).
 *
 * CSA mapping: our names come from the MAS security guide; the CSA names the same stack
 * differently and draws "Security & Compliance" as a vertical band across all other layers, so
 * no single layer of ours maps to it. Each of our layers names the CSA layer that holds the same
 * components:
 * - Model → Foundation Models: the model and its inference endpoint.
 * - Agent Logic → Agent Frameworks: the agent's own control flow, its tools and their schemas.
 * - Integration → Data Operations: the services an agent calls return content (retrieval, tool
 *   and upstream API results) that enters the context as data; the CSA's data layer is where that
 *   content flows and can be poisoned.
 * - Monitoring → Evaluation & Observability: logs, traces and detection.
 * - Execution → Deployment & Infrastructure: the runtime's compute, time and memory budgets.
 * - Environment → Deployment & Infrastructure: containers, networks, secrets and exposed ports.
 * - Orchestration → Agent Ecosystem: which agents and components exist, who registered them and
 *   how they are discovered and trusted.
 */
export const LAYERS = {
  1: {
    id: 1,
    name: 'Model',
    focus: 'The LLM and what reaches it or leaves it.',
    keyConcern: 'Prompt injection and leakage of sensitive data through the model.',
    threats: [
      {
        threat: 'Prompt injection',
        mitigation: 'Scan every input by source and accept only outputs that pass a schema check.',
      },
      {
        threat: 'Model poisoning',
        mitigation: 'Call models only through a provider abstraction, never their APIs directly.',
      },
      {
        threat: 'Data leakage',
        mitigation: 'Check outputs for secrets and personal data and filter content.',
      },
    ],
    modules: ['scan', 'output'],
    csaLayer: 'Foundation Models',
  },
  2: {
    id: 2,
    name: 'Agent Logic',
    focus: 'How an agent behaves between receiving a task and calling a tool.',
    keyConcern: 'Inputs at every component boundary are validated and typed.',
    threats: [
      { threat: 'Unvalidated inputs', mitigation: 'Typed schemas at every component boundary.' },
      { threat: 'Type confusion', mitigation: 'Interface contracts that fix each signature.' },
      {
        threat: 'Logic errors in coordination',
        mitigation: 'Pass context explicitly and typed instead of through shared state.',
      },
    ],
    modules: ['scan/validate', 'exec'],
    csaLayer: 'Agent Frameworks',
  },
  3: {
    id: 3,
    name: 'Integration',
    focus: 'External services, model providers and MCP servers the agents depend on.',
    keyConcern: 'Failing or compromised services and exposure of API keys.',
    threats: [
      {
        threat: 'Cascading failure when a service is down',
        mitigation: 'Timeouts everywhere and graceful degradation that returns partial results.',
      },
      { threat: 'API key leakage', mitigation: 'Read credentials from the environment, never from code.' },
      {
        threat: 'Compromised external service',
        mitigation: 'Rate limits, circuit breakers, and retries with exponential backoff.',
      },
    ],
    modules: ['exec/resilience', 'gateway/upstream'],
    csaLayer: 'Data Operations',
  },
  4: {
    id: 4,
    name: 'Monitoring',
    focus: 'Logs, traces and the audit trail.',
    keyConcern: 'Log injection, secrets in traces and tampering with records.',
    threats: [
      { threat: 'Log injection', mitigation: 'Structured logging; never build log lines by interpolation.' },
      {
        threat: 'Tampering with trace data',
        mitigation: 'Append-only, hash-chained event stores that can be verified.',
      },
      {
        threat: 'Sensitive data in logs',
        mitigation: 'No personal data by default; redact previews and hash payloads.',
      },
    ],
    modules: ['ledger', 'monitor'],
    csaLayer: 'Evaluation & Observability',
  },
  5: {
    id: 5,
    name: 'Execution',
    focus: 'Running agent steps and tool calls safely.',
    keyConcern: 'Resource exhaustion, runaway loops and races between concurrent runs.',
    threats: [
      { threat: 'Resource exhaustion', mitigation: 'A time and memory budget for every component.' },
      { threat: 'Infinite loops', mitigation: 'Enforced timeouts and a bound on every iteration.' },
      {
        threat: 'Race conditions',
        mitigation: 'Stateless components; shared state only in stores that are safe under concurrency.',
      },
    ],
    modules: ['exec'],
    csaLayer: 'Deployment & Infrastructure',
  },
  6: {
    id: 6,
    name: 'Environment',
    focus: 'The infrastructure the agents and the gateway run on.',
    keyConcern: 'Secrets, isolation of processes and exposed network ports.',
    threats: [
      { threat: 'Container escape', mitigation: 'Run as non-root on a read-only filesystem.' },
      {
        threat: 'Secret exposure',
        mitigation: 'Keep secret files out of version control; hold secrets in an external vault.',
      },
      { threat: 'Network attacks', mitigation: 'Segment the network and expose as few ports as possible.' },
    ],
    modules: ['config', 'gateway', 'review'],
    csaLayer: 'Deployment & Infrastructure',
  },
  7: {
    id: 7,
    name: 'Orchestration',
    focus: 'How many agents and components are registered, ordered and trusted.',
    keyConcern: 'Hijacked registrations and tampering with the order of execution.',
    threats: [
      {
        threat: 'Registration hijacking',
        mitigation: 'Wire components with static imports; load no plugins dynamically.',
      },
      {
        threat: 'Tampering with execution order',
        mitigation: 'Fix the order in code rather than in configuration.',
      },
      { threat: 'Unauthorised components', mitigation: 'Allowlists and verification of signatures.' },
    ],
    modules: ['exec/registry', 'identity'],
    csaLayer: 'Agent Ecosystem',
  },
} as const satisfies Readonly<Record<LayerId, Layer>>;

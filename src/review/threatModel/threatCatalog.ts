import type { Refs } from '../../core/index.js';
import type { ControlId, LayerId } from '../../taxonomy/ids.js';
import type { ReviewSeverity } from '../types.js';
import type { Component, Flow, ThreatModel } from './modelSchema.js';

/** Where a threat applies: a component, or a flow between two. */
export type Target =
  | { readonly component: Component }
  | { readonly flow: Flow; readonly from: Component; readonly to: Component };

/** A threat the engine knows: when it applies, and which controls mitigate it. */
export interface ThreatDefinition {
  /** `T1`–`T7` (the reference model) or `ASI-T2` and the like (OWASP agentic threats). */
  readonly id: string;
  readonly title: string;
  readonly layer: LayerId;
  readonly severity: ReviewSeverity;
  readonly controls: readonly ControlId[];
  readonly refs: Refs;
  readonly targets: (model: ThreatModel) => Target[];
}

const byId = (model: ThreatModel) => new Map(model.components.map((c) => [c.id, c]));
const flowsOf = (model: ThreatModel) => {
  const components = byId(model);
  return model.flows.map((flow) => ({
    flow,
    from: components.get(flow.from) as Component,
    to: components.get(flow.to) as Component,
  }));
};
const crosses = (t: { from: Component; to: Component }) => t.from.zone !== t.to.zone;
const AGENTIC = new Set(['agent', 'agent_gateway']);
/** Where agent output is shown to people or acted on by other systems. */
const OUTPUT_RECEIVERS = new Set(['user_interface', 'external_service', 'tool', 'mcp_server']);

/**
 * The threats of the reference multi-agent threat model (T1–T7, with exactly the controls it
 * lists) and the OWASP agentic threats that a design's components make relevant, each with the
 * controls (C1–C23) that mitigate it.
 */
export const THREAT_CATALOG: readonly ThreatDefinition[] = [
  {
    id: 'T1',
    title: 'Malicious user input (prompt injection, jailbreaks)',
    layer: 1,
    severity: 'high',
    controls: ['C1', 'C2', 'C3'],
    refs: { layer: 1, owaspLlm: ['LLM01'], threats: ['T1'], atlas: ['AML.T0051'] },
    targets: (m) => flowsOf(m).filter((t) => t.from.type === 'user_interface' || t.from.zone === 'internet'),
  },
  {
    id: 'T2',
    title: 'User impersonation',
    layer: 6,
    severity: 'high',
    controls: ['C4', 'C5'],
    refs: { layer: 6, owaspAgentic: ['T9'], threats: ['T2'] },
    // Judged where users connect: the flow from the interface to its first hop (usually the gateway).
    targets: (m) => flowsOf(m).filter((t) => t.from.type === 'user_interface'),
  },
  {
    id: 'T3',
    title: 'Denial of service',
    layer: 5,
    severity: 'medium',
    controls: ['C6', 'C7'],
    refs: { layer: 5, owaspLlm: ['LLM10'], owaspAgentic: ['T4'], threats: ['T3'] },
    targets: (m) =>
      flowsOf(m)
        .filter((t) => t.from.zone === 'internet' && t.to.zone !== 'internet')
        .map((t) => ({ component: t.to })),
  },
  {
    id: 'T4',
    title: 'Insecure output generation',
    layer: 1,
    severity: 'high',
    controls: ['C19', 'C23'],
    refs: { layer: 1, owaspLlm: ['LLM02', 'LLM05'], threats: ['T4'] },
    targets: (m) =>
      flowsOf(m).filter(
        (t) =>
          (t.from.type === 'agent' || t.from.type === 'model' || t.from.type === 'agent_gateway') &&
          (OUTPUT_RECEIVERS.has(t.to.type) || t.to.zone === 'internet' || t.to.zone === 'third_party'),
      ),
  },
  {
    id: 'T5',
    title: 'Agent registry poisoning',
    layer: 7,
    severity: 'high',
    controls: ['C8', 'C9', 'C10'],
    refs: { layer: 7, owaspAgentic: ['T13'], threats: ['T5'] },
    targets: (m) =>
      m.components.filter((c) => c.type === 'agent_registry').map((component) => ({ component })),
  },
  {
    id: 'T6',
    title: 'Gateway bypass',
    layer: 6,
    severity: 'high',
    controls: ['C11', 'C12'],
    refs: { layer: 6, threats: ['T6'] },
    targets: (m) => {
      const gateway = m.components.some((c) => c.type === 'agent_gateway');
      return flowsOf(m).filter(
        (t) =>
          t.to.type === 'agent' &&
          t.from.type !== 'agent_gateway' &&
          t.from.type !== 'agent' &&
          (!gateway || crosses(t)),
      );
    },
  },
  {
    id: 'T7',
    title: 'Policy evasion',
    layer: 7,
    severity: 'medium',
    controls: ['C5', 'C13'],
    refs: { layer: 7, threats: ['T7'] },
    targets: (m) =>
      m.components.filter((c) => c.type === 'agent_gateway').map((component) => ({ component })),
  },
  {
    id: 'ASI-T2',
    title: 'Tool misuse (an agent talked into harmful use of its tools)',
    layer: 3,
    severity: 'high',
    controls: ['C3', 'C8', 'C17'],
    refs: { layer: 3, owaspAgentic: ['T2'], owaspLlm: ['LLM06'] },
    targets: (m) =>
      flowsOf(m).filter(
        (t) => AGENTIC.has(t.from.type) && (t.to.type === 'tool' || t.to.type === 'mcp_server'),
      ),
  },
  {
    id: 'ASI-T11',
    title: 'Unexpected code execution by a tool',
    layer: 5,
    severity: 'critical',
    controls: ['C14', 'C22'],
    refs: { layer: 5, owaspAgentic: ['T11'], owaspLlm: ['LLM05'] },
    targets: (m) =>
      m.components
        .filter(
          (c) => (c.type === 'tool' || c.type === 'mcp_server') && c.capabilities.includes('code_execution'),
        )
        .map((component) => ({ component })),
  },
  {
    id: 'ASI-T3',
    title: 'Privilege compromise through delegation between agents',
    layer: 7,
    severity: 'high',
    controls: ['C16', 'C17'],
    refs: { layer: 7, owaspAgentic: ['T3'] },
    targets: (m) => flowsOf(m).filter((t) => t.from.type === 'agent' && t.to.type === 'agent'),
  },
  {
    id: 'ASI-T9',
    title: 'Identity spoofing between agents and services',
    layer: 7,
    severity: 'medium',
    controls: ['C12', 'C16'],
    refs: { layer: 7, owaspAgentic: ['T9'] },
    targets: (m) =>
      flowsOf(m).filter(
        (t) => AGENTIC.has(t.from.type) && t.to.type !== 'user_interface' && !t.flow.authenticated,
      ),
  },
  {
    id: 'ASI-T1',
    title: 'Memory and knowledge poisoning (indirect prompt injection)',
    layer: 2,
    severity: 'high',
    controls: ['C18', 'C2'],
    refs: { layer: 2, owaspAgentic: ['T1'], owaspLlm: ['LLM04', 'LLM08'], atlas: ['AML.T0051.001'] },
    targets: (m) =>
      flowsOf(m).filter(
        (t) => (t.from.type === 'knowledge_source' || t.from.type === 'memory') && AGENTIC.has(t.to.type),
      ),
  },
  {
    id: 'ASI-T4',
    title: 'Resource overload (runaway loops, token and cost exhaustion)',
    layer: 5,
    severity: 'medium',
    controls: ['C22', 'C6'],
    refs: { layer: 5, owaspAgentic: ['T4'], owaspLlm: ['LLM10'] },
    targets: (m) => m.components.filter((c) => c.type === 'agent').map((component) => ({ component })),
  },
  {
    id: 'ASI-T8',
    title: 'Repudiation: agent actions that cannot be traced',
    layer: 4,
    severity: 'medium',
    controls: ['C9', 'C20', 'C5'],
    refs: { layer: 4, owaspAgentic: ['T8'] },
    targets: (m) =>
      m.components.some((c) => c.type === 'agent')
        ? m.components
            .filter((c) => c.type === 'agent')
            .slice(0, 1)
            .map((component) => ({ component }))
        : [],
  },
  {
    id: 'ASI-T13',
    title: 'Rogue agents and goal deviation',
    layer: 4,
    severity: 'medium',
    controls: ['C15', 'C21'],
    refs: { layer: 4, owaspAgentic: ['T13', 'T6'] },
    targets: (m) =>
      m.components.filter((c) => c.type === 'agent').length > 1
        ? m.components.filter((c) => c.type === 'agent').map((component) => ({ component }))
        : [],
  },
];

import type { ControlId } from './ids.js';
import type { MaestroModule } from './modules.js';

/** A control of the reference multi-agent threat model, and where maestro provides it. */
export interface Control {
  readonly id: ControlId;
  readonly title: string;
  /** What the control asks for. */
  readonly description: string;
  /** What maestro itself does towards it (some controls also need the deployment's help). */
  readonly implementation: string;
  /** The modules that implement it, or will. */
  readonly modules: readonly MaestroModule[];
}

export const CONTROLS = {
  C1: {
    id: 'C1',
    title: 'Input validation',
    description: 'The application checks every input with validation rules before acting on it.',
    implementation: 'validateInput() bounds size and shape before any other work and fails closed.',
    modules: ['scan/validate'],
  },
  C2: {
    id: 'C2',
    title: 'Content inspection gateway',
    description:
      'A dedicated AI security layer, in a gateway or as a firewall, inspects and sanitises prompts and responses.',
    implementation: 'securityScan() in process, and the same scan in the gateway for LLM and MCP traffic.',
    modules: ['scan', 'gateway'],
  },
  C3: {
    id: 'C3',
    title: 'Human approval',
    description: 'High-risk actions wait for a person to approve them.',
    implementation: 'The confirm lane: a tool call waits for an approval that is recorded on its receipt.',
    modules: ['exec/approvals', 'policy'],
  },
  C4: {
    id: 'C4',
    title: 'Enterprise identity provider',
    description:
      "Users sign in through the organisation's identity provider, with multi-factor authentication.",
    implementation: 'The gateway verifies OIDC tokens against the provider and can require MFA claims.',
    modules: ['gateway/auth', 'identity'],
  },
  C5: {
    id: 'C5',
    title: 'SIEM export',
    description: 'User activity and agent logs go to a security analytics platform for behavioural analysis.',
    implementation: 'Risk events are exported in formats a SIEM ingests.',
    modules: ['monitor/siem'],
  },
  C6: {
    id: 'C6',
    title: 'Rate limiting',
    description: 'API endpoints limit and throttle how fast each caller may send requests.',
    implementation:
      'Per-tenant and per-principal limits in the gateway, in memory or shared through a store.',
    modules: ['gateway/rateLimits'],
  },
  C7: {
    id: 'C7',
    title: 'Request filtering',
    description: 'A web application firewall with rule sets blocks common attack patterns in requests.',
    implementation: 'The gateway rejects malformed, oversized or disallowed requests before routing them.',
    modules: ['gateway'],
  },
  C8: {
    id: 'C8',
    title: 'Policy-as-code ABAC for writes',
    description:
      'A policy engine decides every write from attributes of the caller, the action and the resource.',
    implementation: 'Cedar policies decide each tool call with side effects.',
    modules: ['policy'],
  },
  C9: {
    id: 'C9',
    title: 'WORM audit log',
    description: 'Critical changes are recorded in a central log that cannot be rewritten.',
    implementation: 'An append-only, hash-chained ledger with signed checkpoints that can be verified.',
    modules: ['ledger'],
  },
  C10: {
    id: 'C10',
    title: 'Configuration change detection',
    description: 'Automated scans notice configuration that changed without authorisation.',
    implementation: 'Configuration is hashed and its changes recorded; the review tool flags drift.',
    modules: ['config', 'review'],
  },
  C11: {
    id: 'C11',
    title: 'Network segmentation',
    description: 'Platform network policies isolate workloads from each other (micro-segmentation).',
    implementation: 'A documented deployment with the fewest exposed ports, checked by the review tool.',
    modules: ['review'],
  },
  C12: {
    id: 'C12',
    title: 'Mutual TLS with workload identities',
    description: 'Every connection is mutually authenticated with strong, verifiable workload identities.',
    implementation: 'The gateway can require client certificates and bind them to agent identities.',
    modules: ['gateway', 'identity'],
  },
  C13: {
    id: 'C13',
    title: 'Policies versioned as code',
    description: 'Authorisation, content and behaviour policies live in version control.',
    implementation: 'Policies and detection rules are files loaded at start-up, each with a content hash.',
    modules: ['policy'],
  },
  C14: {
    id: 'C14',
    title: 'Sandboxed tool execution',
    description: 'Agent processes and tools run isolated in sandboxes or containers.',
    implementation: 'Tools run only through the guarded executor, which isolates and bounds each call.',
    modules: ['exec/executor'],
  },
  C15: {
    id: 'C15',
    title: 'Runtime anomaly detection',
    description: 'Monitoring alerts when an agent behaves unusually or drifts from its goal.',
    implementation: 'Anomaly detection over the stream of risk events, with alerts.',
    modules: ['monitor/anomaly'],
  },
  C16: {
    id: 'C16',
    title: 'Delegated identities for child agents',
    description: "A child agent gets its own scoped identity holding a subset of its parent's permissions.",
    implementation: "Delegation tokens that can only narrow the parent's scope.",
    modules: ['identity/delegation'],
  },
  C17: {
    id: 'C17',
    title: 'Just-in-time permissions',
    description: 'Permission to run a tool is granted for one task and only when it is needed.',
    implementation: 'Short-lived, task-scoped tokens checked by the executor.',
    modules: ['identity/jit', 'exec'],
  },
  C18: {
    id: 'C18',
    title: 'Validation of knowledge sources',
    description: 'Knowledge sources pass automated validation and sanitisation before agents use them.',
    implementation: 'Retrieved documents are scanned as an indirect source, under stricter thresholds.',
    modules: ['scan'],
  },
  C19: {
    id: 'C19',
    title: 'Data loss prevention on outputs',
    description: 'Agent outputs are scanned for sensitive data before they leave.',
    implementation: 'Output scanning for secrets and personal data, including streamed output.',
    modules: ['output'],
  },
  C20: {
    id: 'C20',
    title: 'Cryptographic identity in logs',
    description: 'Log records carry the verifiable identity of the actor and rich context.',
    implementation: 'Ledger records carry principal and agent identity and are signed.',
    modules: ['ledger', 'identity'],
  },
  C21: {
    id: 'C21',
    title: 'Automated response playbooks',
    description: 'High-confidence alerts trigger an automated response.',
    implementation:
      'Playbooks that tighten lanes, revoke tokens or trip the kill switch to the confirm lane.',
    modules: ['monitor/playbooks'],
  },
  C22: {
    id: 'C22',
    title: 'Resource quotas',
    description: 'The agent runtime limits CPU, memory and execution time.',
    implementation: 'Budgets and timeouts on every run and tool call.',
    modules: ['exec/budgets'],
  },
  C23: {
    id: 'C23',
    title: 'Output sanitisation',
    description:
      'Agent output is cleaned of malicious code before it is shown to users or passed to other systems.',
    implementation: 'The output sanitiser neutralises markup and scripts and checks structured output.',
    modules: ['output/sanitize'],
  },
} as const satisfies Readonly<Record<ControlId, Control>>;

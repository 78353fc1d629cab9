import type { OwaspAgenticId } from './ids.js';

/** A threat of OWASP's "Agentic AI – Threats and Mitigations" (Agentic Security Initiative, 2025). */
export interface OwaspAgenticThreat {
  readonly id: OwaspAgenticId;
  readonly name: string;
  readonly summary: string;
}

/**
 * The fifteen agentic threats T1–T15. These ids share their form with the reference model's
 * threats T1–T7 but are a different list: a `Refs` keeps them apart by field (`owaspAgentic`
 * versus `threats`). The later OWASP Top 10 for Agentic Applications (ASI01–ASI10) is a separate
 * list and is not cited here.
 */
export const OWASP_AGENTIC = {
  T1: {
    id: 'T1',
    name: 'Memory Poisoning',
    summary:
      "False or malicious data planted in an agent's short- or long-term memory steers later decisions.",
  },
  T2: {
    id: 'T2',
    name: 'Tool Misuse',
    summary: 'An agent is talked into using the tools it is allowed to use for harmful ends.',
  },
  T3: {
    id: 'T3',
    name: 'Privilege Compromise',
    summary: 'Weak permission handling lets an agent, or someone through it, act beyond its rights.',
  },
  T4: {
    id: 'T4',
    name: 'Resource Overload',
    summary: 'Attacks exhaust the compute, memory or service quotas an agent depends on.',
  },
  T5: {
    id: 'T5',
    name: 'Cascading Hallucination Attacks',
    summary: 'A false output is reused, stored or passed on until it corrupts decisions across agents.',
  },
  T6: {
    id: 'T6',
    name: 'Intent Breaking & Goal Manipulation',
    summary: "An attacker changes an agent's goals or plan so it works towards the attacker's ends.",
  },
  T7: {
    id: 'T7',
    name: 'Misaligned & Deceptive Behaviors',
    summary: 'An agent takes harmful or deceptive actions while appearing to pursue its goal.',
  },
  T8: {
    id: 'T8',
    name: 'Repudiation & Untraceability',
    summary: 'Agent actions cannot be traced or attributed because logging is missing or unreliable.',
  },
  T9: {
    id: 'T9',
    name: 'Identity Spoofing & Impersonation',
    summary: 'An attacker passes as an agent or a user to act under its identity.',
  },
  T10: {
    id: 'T10',
    name: 'Overwhelming Human in the Loop',
    summary: 'Reviewers are flooded with approvals until their oversight stops being real.',
  },
  T11: {
    id: 'T11',
    name: 'Unexpected RCE and Code Attacks',
    summary: "Code an agent generates or runs becomes a way to execute the attacker's commands.",
  },
  T12: {
    id: 'T12',
    name: 'Agent Communication Poisoning',
    summary: 'Messages between agents are manipulated to spread false information or derail workflows.',
  },
  T13: {
    id: 'T13',
    name: 'Rogue Agents in Multi-Agent Systems',
    summary: 'A compromised or malicious agent operates inside the system outside of monitoring.',
  },
  T14: {
    id: 'T14',
    name: 'Human Attacks on Multi-Agent Systems',
    summary: 'People exploit delegation and trust between agents to escalate privileges or disrupt work.',
  },
  T15: {
    id: 'T15',
    name: 'Human Manipulation',
    summary: "An agent abuses its users' trust to mislead them or get them to act against their interest.",
  },
} as const satisfies Readonly<Record<OwaspAgenticId, OwaspAgenticThreat>>;

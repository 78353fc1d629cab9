import type { ControlId, ThreatId } from './ids.js';

/** The part of the reference architecture a threat belongs to. */
export const ARCHITECTURE_LAYERS = ['user-interaction', 'agent-gateway'] as const;
export type ArchitectureLayer = (typeof ARCHITECTURE_LAYERS)[number];

/** A threat of the reference multi-agent architecture and the controls that mitigate it. */
export interface Threat {
  readonly id: ThreatId;
  readonly title: string;
  readonly description: string;
  readonly architectureLayer: ArchitectureLayer;
  /** Exactly the control ids the reference threat model lists for this threat. */
  readonly controls: readonly ControlId[];
}

export const THREATS = {
  T1: {
    id: 'T1',
    title: 'Malicious user input',
    description:
      'A user deliberately sends input meant to subvert the system: prompt injection, jailbreaks, or requests for harmful actions.',
    architectureLayer: 'user-interaction',
    controls: ['C1', 'C2', 'C3'],
  },
  T2: {
    id: 'T2',
    title: 'User impersonation',
    description: 'An attacker poses as a legitimate user to gain access they should not have.',
    architectureLayer: 'user-interaction',
    controls: ['C4', 'C5'],
  },
  T3: {
    id: 'T3',
    title: 'Denial of service',
    description: 'A flood of requests exhausts the application so that legitimate users cannot be served.',
    architectureLayer: 'user-interaction',
    controls: ['C6', 'C7'],
  },
  T4: {
    id: 'T4',
    title: 'Insecure output generation',
    description: 'An agent produces output that carries malicious content or exposes sensitive data.',
    architectureLayer: 'user-interaction',
    controls: ['C19', 'C23'],
  },
  T5: {
    id: 'T5',
    title: 'Agent registry poisoning',
    description: 'An attacker tampers with the agent registry so that it lists malicious agents.',
    architectureLayer: 'agent-gateway',
    controls: ['C8', 'C9', 'C10'],
  },
  T6: {
    id: 'T6',
    title: 'Gateway bypass',
    description: 'An attacker reaches the agents directly, going around the agent gateway and its checks.',
    architectureLayer: 'agent-gateway',
    controls: ['C11', 'C12'],
  },
  T7: {
    id: 'T7',
    title: 'Policy evasion',
    description: 'An attacker shapes requests so that they slip past the gateway policies.',
    architectureLayer: 'agent-gateway',
    controls: ['C5', 'C13'],
  },
} as const satisfies Readonly<Record<ThreatId, Threat>>;

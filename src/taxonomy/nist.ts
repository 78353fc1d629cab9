import type { NistFunctionId } from './ids.js';

/** A core function of the NIST AI Risk Management Framework 1.0 (NIST AI 100-1, January 2023). */
export interface NistFunction {
  readonly id: NistFunctionId;
  readonly name: string;
  /** What the function is for, in one line. */
  readonly purpose: string;
}

/**
 * The four functions of the AI RMF core. GOVERN is cross-cutting: it shapes how the other three
 * are carried out. MAP, MEASURE and MANAGE follow a system through its life cycle.
 */
export const NIST_FUNCTIONS = {
  GOVERN: {
    id: 'GOVERN',
    name: 'Govern',
    purpose: 'Set up the policies, roles, accountability and risk culture under which AI risk is managed.',
  },
  MAP: {
    id: 'MAP',
    name: 'Map',
    purpose: 'Establish the context of an AI system and identify the risks it poses and to whom.',
  },
  MEASURE: {
    id: 'MEASURE',
    name: 'Measure',
    purpose: 'Analyse, test and track the identified risks with quantitative or qualitative methods.',
  },
  MANAGE: {
    id: 'MANAGE',
    name: 'Manage',
    purpose: 'Prioritise the risks and act on them: treat, monitor, respond to incidents and recover.',
  },
} as const satisfies Readonly<Record<NistFunctionId, NistFunction>>;

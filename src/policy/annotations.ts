import { LANES, type Lane } from '../core/index.js';
import { entityIdProblem } from './entityIds.js';

/** Lanes an `@escalate` can raise an allowed request to. */
export const ESCALATIONS = ['confirm', 'block'] as const;
export type Escalation = (typeof ESCALATIONS)[number];

/** What maestro reads from a policy's annotations. */
export interface PolicyAnnotations {
  /** `@id("…")`: the policy's id instead of `file#n`. */
  readonly id: string | undefined;
  /** `@lane("auto"|"confirm"|"block")` on a permit: the lane of requests it allows. */
  readonly lane: Lane | undefined;
  /** `@escalate("confirm"|"block")` on a permit: raises the lane of requests other permits allow, grants nothing. */
  readonly escalate: Escalation | undefined;
}

/**
 * Reads and checks maestro's annotations; returns the problems instead of guessing. Other
 * annotations (`@reason`, `@owner`, …) are kept as the policy's metadata and not interpreted.
 */
export function readAnnotations(
  effect: 'permit' | 'forbid',
  annotations: Readonly<Record<string, string>>,
): { annotations: PolicyAnnotations; problems: string[] } {
  const problems: string[] = [];
  const id = annotations['id'];
  if (id !== undefined) {
    const problem = entityIdProblem(id);
    if (problem !== undefined) problems.push(`@id ${problem}`);
  }
  const lane = annotations['lane'];
  const escalate = annotations['escalate'];
  if (lane !== undefined && !(LANES as readonly string[]).includes(lane))
    problems.push(`@lane must be one of ${LANES.map((l) => `"${l}"`).join(', ')}`);
  if (escalate !== undefined && !(ESCALATIONS as readonly string[]).includes(escalate))
    problems.push(`@escalate must be one of ${ESCALATIONS.map((l) => `"${l}"`).join(', ')}`);
  if (effect === 'forbid' && (lane !== undefined || escalate !== undefined))
    problems.push('@lane and @escalate apply to permit policies only: a forbid always denies (lane block)');
  if (lane !== undefined && escalate !== undefined)
    problems.push('a policy has either @lane (it grants) or @escalate (it only raises the lane), not both');
  return {
    annotations: {
      id,
      lane: problems.length === 0 ? (lane as Lane | undefined) : undefined,
      escalate: problems.length === 0 ? (escalate as Escalation | undefined) : undefined,
    },
    problems,
  };
}

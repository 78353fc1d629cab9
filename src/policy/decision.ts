import type { AuthorizationAnswer } from '@cedar-policy/cedar-wasm/nodejs';
import { type Lane, strictestLane } from '../core/index.js';
import type { Escalation } from './annotations.js';
import { redactCedarMessage } from './redactCedarMessage.js';

/**
 * The engine's answer. `deny` always comes with lane `block`; an `allow` has the strictest lane
 * of the permits that allowed it and of any `@escalate` permits that matched. `policies` are the
 * determining policy ids: the permits (and escalations) that matched for an allow, the forbids
 * that matched for a deny (none: nothing permitted it), or the policies whose evaluation failed.
 * `errors` is empty unless the decision failed closed; then each entry starts with
 * `ERR_POLICY_EVALUATION:`.
 */
export interface PolicyDecision {
  readonly decision: 'allow' | 'deny';
  readonly lane: Lane;
  readonly policies: readonly string[];
  readonly errors: readonly string[];
}

/** What decisions need to know about a policy. */
export interface PolicyRole {
  readonly lane: Lane | undefined;
  readonly escalate: Escalation | undefined;
}

export const EVALUATION_ERROR = 'ERR_POLICY_EVALUATION';

/** A deny because the decision could not be made: never an allow. */
export function failClosed(errors: readonly string[], policies: readonly string[] = []): PolicyDecision {
  return {
    decision: 'deny',
    lane: 'block',
    policies,
    errors: errors.map((error) => `${EVALUATION_ERROR}: ${error}`),
  };
}

function sorted(ids: readonly string[]): string[] {
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Cedar's answer as a maestro decision: any error denies; lanes come from the determining permits. */
export function decisionFromAnswer(
  answer: AuthorizationAnswer,
  roles: ReadonlyMap<string, PolicyRole>,
): PolicyDecision {
  if (answer.type === 'failure')
    return failClosed(answer.errors.map((error) => `request: ${redactCedarMessage(error.message)}`));
  const { decision, diagnostics } = answer.response;
  if (diagnostics.errors.length > 0) {
    // Cedar lists errors in no fixed order; sorted, equal requests give equal decisions.
    return failClosed(
      sorted(
        diagnostics.errors.map(
          (error) => `policy ${JSON.stringify(error.policyId)}: ${redactCedarMessage(error.error.message)}`,
        ),
      ),
      sorted([...new Set(diagnostics.errors.map((error) => error.policyId))]),
    );
  }
  const reasons = sorted(diagnostics.reason);
  if (decision === 'deny') return { decision: 'deny', lane: 'block', policies: reasons, errors: [] };
  let granted = false;
  const lanes: Lane[] = [];
  for (const id of reasons) {
    const role = roles.get(id);
    if (role === undefined) return failClosed([`policy ${JSON.stringify(id)} is not in the set`]);
    if (role.escalate === undefined) {
      granted = true;
      lanes.push(role.lane ?? 'auto');
    } else {
      lanes.push(role.escalate);
    }
  }
  // Only @escalate permits matched: they raise lanes, they never grant.
  if (!granted) return { decision: 'deny', lane: 'block', policies: [], errors: [] };
  return { decision: 'allow', lane: strictestLane(...lanes), policies: reasons, errors: [] };
}

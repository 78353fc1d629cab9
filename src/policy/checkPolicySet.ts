import { compilePolicySet, type PolicySetInput } from './compilePolicySet.js';
import type { PolicyProblem } from './problems.js';

/** What `maestro policy validate` reports: valid or not, every problem, and what the set holds. */
export interface PolicySetCheck {
  readonly valid: boolean;
  /** Errors and warnings, each with file:line where Cedar or maestro can place it. */
  readonly problems: readonly PolicyProblem[];
  readonly policies: number;
  readonly tools: readonly string[];
  /** Present when the set is valid. */
  readonly fingerprint: string | undefined;
}

/** Parses and validates a policy set without starting an engine; never throws for a bad set. */
export function checkPolicySet(input: PolicySetInput): PolicySetCheck {
  const { compiled, problems } = compilePolicySet(input);
  return {
    valid: compiled !== undefined,
    problems,
    policies: compiled?.policies.length ?? 0,
    tools: compiled === undefined ? [] : [...compiled.model.tools.keys()].sort(),
    fingerprint: compiled?.fingerprint,
  };
}

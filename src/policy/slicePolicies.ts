import { scopeCovers } from './actionScope.js';
import type { ParsedPolicy } from './parsePolicies.js';
import type { SchemaModel } from './schemaModel.js';

/**
 * The policies each tool's requests are evaluated against: those whose scope can apply to the
 * tool's action (unconstrained ones, `action == <the tool>`, `action in <a group it is in>`).
 * Cedar's cost grows with the size of the set it is given, whether or not a policy applies, so
 * evaluating a slice instead of the whole set is what keeps a decision cheap. Sound because a
 * policy whose scope excludes the action is never satisfied and never errs for that request
 * (see `scopeCovers`); a forbid is in every slice it could apply to.
 */
export function slicePolicies(
  model: SchemaModel,
  policies: readonly ParsedPolicy[],
): Map<string, readonly ParsedPolicy[]> {
  const slices = new Map<string, readonly ParsedPolicy[]>();
  for (const tool of model.tools.values()) {
    slices.set(
      tool.name,
      policies.filter((policy) => scopeCovers(policy.scope, tool.action)),
    );
  }
  return slices;
}

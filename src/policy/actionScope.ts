import type { ActionConstraint, EntityUidJson } from '@cedar-policy/cedar-wasm/nodejs';
import { uidKey } from './names.js';
import type { ActionModel } from './schemaModel.js';

/** The actions a policy's scope allows, as uid keys: any action, one action, or members of some. */
export type ActionScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'eq'; readonly action: string }
  | { readonly kind: 'in'; readonly actions: readonly string[] };

function keyOf(uid: EntityUidJson): string {
  const plain = '__entity' in uid ? uid.__entity : uid;
  return uidKey(plain.type, plain.id);
}

/** The scope of a policy from the action constraint of its JSON form. */
export function actionScopeOf(constraint: ActionConstraint): ActionScope {
  if (constraint.op === '==' && 'entity' in constraint)
    return { kind: 'eq', action: keyOf(constraint.entity) };
  if (constraint.op === 'in') {
    return 'entity' in constraint
      ? { kind: 'in', actions: [keyOf(constraint.entity)] }
      : { kind: 'in', actions: constraint.entities.map(keyOf) };
  }
  // `All`, and any constraint form this code does not know: the policy may apply to every action.
  return { kind: 'all' };
}

/**
 * Whether a policy with this scope can apply to a request for `action`. Cedar evaluates the scope
 * before the conditions, so a policy whose scope excludes the action is neither satisfied nor
 * errs for it: leaving it out of the action's slice cannot change the decision.
 */
export function scopeCovers(scope: ActionScope, action: ActionModel): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'eq':
      return scope.action === action.key;
    case 'in':
      return scope.actions.some((group) => group === action.key || action.ancestors.has(group));
  }
}

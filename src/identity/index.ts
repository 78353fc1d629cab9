/**
 * Delegated identities (C16) and just-in-time, task-scoped permissions (C17): signed grants an
 * orchestrator hands its sub-agents, each never wider than the grant it came from.
 */
export {
  checkGrant,
  GRANT_BUDGET_KEYS,
  GRANT_LIMITS,
  type Grant,
  type GrantBudget,
  type GrantCheck,
  type GrantLink,
  grantBudgetSchema,
  isWithin,
  widerIn,
} from './grant.js';
export {
  createGrantAuthority,
  GRANT_TOKEN_TYPE,
  type GrantAuthority,
  type GrantAuthorityOptions,
  type GrantRequest,
  type RootGrantRequest,
} from './grantAuthority.js';
export { GrantDeniedError, GrantInvalidError } from './grantErrors.js';

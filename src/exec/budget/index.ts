/** Task and tenant budgets: agent-loop steps, tool calls, wall-clock time and cost (layer 5, C22). */
export {
  type Budget,
  budgetSchema,
  parseBudget,
  parseTenantBudget,
  type TenantBudget,
  tenantBudgetSchema,
} from './budget.js';
export { BudgetExceededError, type BudgetLimit, type BudgetScope, TaskEndedError } from './budgetErrors.js';
export {
  type BudgetExceededInfo,
  type BudgetTracker,
  type BudgetTrackerOptions,
  createBudgetTracker,
  type TenantUsage,
} from './budgetTracker.js';
export type { BudgetRemaining, BudgetUsage, Reservation, TaskBudget } from './taskBudget.js';

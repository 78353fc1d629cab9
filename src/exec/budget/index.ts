/** Task and tenant budgets: steps, tool calls, wall-clock time and cost (layer 5, C22). */
export { type Budget, budgetSchema, parseBudget, type TenantBudget, tenantBudgetSchema } from './budget.js';
export { BudgetExceededError, type BudgetLimit, type BudgetScope } from './budgetExceededError.js';
export {
  type BudgetExceededInfo,
  type BudgetRemaining,
  type BudgetTracker,
  type BudgetTrackerOptions,
  type BudgetUsage,
  createBudgetTracker,
  type Reservation,
  type TaskBudget,
} from './budgetTracker.js';

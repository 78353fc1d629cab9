/**
 * Guarded execution (layers 2, 3, 5 and 7; controls C3, C8, C13, C17, C22): an agent proposes an
 * intent, the executor validates it against the tool's schema, decides its lane (tool effect,
 * Cedar policy, conversation scan, kill switch), asks a person when the lane is `confirm`, writes
 * a signed receipt to the ledger before any side effect, runs the tool under its timeout, retry,
 * circuit breaker, bulkhead and budgets, and records the outcome.
 */
export { type ApprovalApi, type ApprovalDetail, type ApprovalPage, createApprovalDesk } from './approvals.js';
export { type Budget, BudgetExceededError } from './budget/index.js';
export { createExecutor, type Executor, type ExecutorOptions, type ExecutorTask } from './executor.js';
export { type ExecContext, execContextSchema, type Intent, intentSchema } from './intent.js';
export { createKillSwitch, type KillSwitch } from './killSwitch.js';
export { DEFAULT_EFFECT_LANES, type EffectLanes } from './lanes.js';
export { type ApprovalView, type ProposeOutcome, unwrapOutcome } from './outcome.js';
export {
  type DelegationLink,
  RECEIPT_SIGNING_CONTEXT,
  type Receipt,
  receiptSchema,
  verifyReceipt,
} from './receipt.js';
export { createToolRegistry, MAX_TOOLS, type ToolRegistry } from './registry.js';
export {
  BulkheadFullError,
  CircuitOpenError,
  type ResilienceOptions,
  ToolFailedError,
  ToolTimeoutError,
} from './resilience/index.js';
export { jitteredDelayMs } from './resilience/jitteredBackoff.js';
export { MAX_STORED_RESULT_BYTES } from './runTool.js';
export { APPROVAL_STATUSES, type ApprovalOverflow, type ApprovalStatus } from './store/approvalStore.js';
export { swapFingerprint } from './store/fingerprintStore.js';
export type { KillSwitchState } from './store/killSwitchStore.js';
export { defineTool, type RetrySpec, type Tool, type ToolRunContext, type ToolSpec } from './tool.js';

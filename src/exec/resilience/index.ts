/** Per-integration resilience for tool calls (layer 3): timeout, retry, circuit breaker, bulkhead. */
export type { ResilientCall } from './callPolicies.js';
export type { IntegrationStats } from './integration.js';
export { type BackoffSpec, jitteredDelayMs } from './jitteredBackoff.js';
export { createResilience, type Resilience } from './resilience.js';
export {
  BulkheadFullError,
  CircuitOpenError,
  isAttemptFailure,
  ToolCancelledError,
  ToolFailedError,
  ToolTimeoutError,
} from './resilienceErrors.js';
export {
  type CircuitChange,
  type CircuitStateName,
  RESILIENCE_DEFAULTS,
  type ResilienceOptions,
} from './resilienceOptions.js';

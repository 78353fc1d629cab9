/** Per-integration resilience for tool calls (layer 3), composed from cockatiel policies. */
export {
  type CircuitStateName,
  createResilience,
  type IntegrationStats,
  type Resilience,
  type ResilienceOptions,
  type ResilientCall,
} from './resilience.js';
export {
  BulkheadFullError,
  CircuitOpenError,
  ToolFailedError,
  ToolTimeoutError,
} from './resilienceErrors.js';

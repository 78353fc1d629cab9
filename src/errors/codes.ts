/** Stable error codes. Callers switch on these; they never change meaning once published. */
export const ERROR_CODES = {
  ERR_INPUT_TOO_LARGE: 'The input is larger than the configured ceiling.',
  ERR_INVALID_INPUT: 'The input is not a string or a well-formed list of chat messages.',
  ERR_INVALID_OPTIONS: 'The options are not valid.',
  ERR_SCAN_FAILED: 'The scan could not complete; the input was blocked.',
  ERR_OUTPUT_BLOCKED: 'The output was stopped by the output guard.',
  ERR_OUTPUT_SCAN_FAILED: 'The output guard could not complete; the output was withheld.',
  ERR_LEDGER_INVALID_EVENT: 'The risk event is not valid; nothing was written.',
  ERR_LEDGER_BACKPRESSURE: 'The ledger write queue is full; retry after the pending events are committed.',
  ERR_LEDGER_UNAVAILABLE:
    'The ledger store could not be reached or refused the write; the event was not recorded.',
  ERR_LEDGER_CLOSED: 'The ledger is closed.',
  ERR_LEDGER_KEY: 'The ledger signing key is missing, unreadable or not an Ed25519 key.',
  ERR_LEDGER_NOT_FOUND: 'No such event or tree head in the ledger.',
  ERR_LEDGER_TAMPERED:
    'The ledger failed verification: an event or tree head was changed, removed, reordered or forged.',
  ERR_EXPORT_FAILED:
    'The export destination refused or did not take the events; the export cursor was not advanced.',
  ERR_POLICY_INVALID: 'The policy set or its schema is not valid; the policy engine was not started.',
  ERR_POLICY_EVALUATION: 'The policy decision could not be evaluated; the request was denied.',
  ERR_TOOL_UNKNOWN: 'No tool of that name is registered; the intent was refused.',
  ERR_TOOL_INVALID_ARGS: 'The tool arguments do not match the tool schema; the tool was not run.',
  ERR_TOOL_INVALID_OUTPUT:
    'The tool returned a result that does not match its output schema; the result was withheld.',
  ERR_TOOL_FAILED: 'The tool failed; its error was recorded and withheld.',
  ERR_TOOL_TIMEOUT: 'The tool did not finish within its time limit and was aborted.',
  ERR_REGISTRY_INVALID:
    'The tool registry is not valid (duplicate name, bad definition or a tool the policy set does not declare).',
  ERR_INTENT_BLOCKED: 'The intent was blocked by policy, scan, grant or kill switch; the tool was not run.',
  ERR_APPROVAL_NOT_FOUND: 'No such approval request in this tenant.',
  ERR_APPROVAL_STATE:
    'The approval request is not in a state that allows this (already decided, expired or executed).',
  ERR_APPROVAL_FORBIDDEN:
    'The approver may not decide this request (the requester cannot approve their own request).',
  ERR_APPROVAL_QUEUE_FULL:
    'Too many approval requests are pending for this tenant; the request was summarised, not queued.',
  ERR_IDEMPOTENCY_CONFLICT: 'The idempotency key was already used with different arguments or another tool.',
  ERR_IDEMPOTENCY_IN_PROGRESS:
    'A call with this idempotency key is still running; retry later for its result.',
  ERR_BUDGET_EXCEEDED:
    'A task or tenant budget (steps, tool calls, time or cost) is exhausted; the task was ended.',
  ERR_CIRCUIT_OPEN: 'The integration is failing and its circuit is open; the call was not attempted.',
  ERR_BULKHEAD_FULL: 'Too many calls to this integration are running or queued; the call was not attempted.',
  ERR_GRANT_INVALID:
    'The delegation grant is missing, malformed, expired, not signed by a trusted key or wider than its parent.',
  ERR_GRANT_DENIED: 'The delegation grant does not allow this tool, tenant or budget.',
  ERR_EXECUTOR_UNAVAILABLE: 'The executor store could not be reached; nothing was run.',
  ERR_UNAUTHENTICATED: 'The request has no valid credentials (Authorization: Bearer <api key or token>).',
  ERR_FORBIDDEN: 'The credentials are valid but may not do this.',
  ERR_NOT_FOUND: 'No such route or resource.',
  ERR_RATE_LIMITED: 'Too many requests; retry after the time in Retry-After.',
  ERR_REQUEST_TIMEOUT: 'The request took too long to arrive or to complete.',
  ERR_UPSTREAM_UNAVAILABLE: 'The upstream service failed, timed out or its circuit is open.',
  ERR_UPSTREAM_INVALID: "The upstream's response was not in the format the gateway proxies; it was withheld.",
  ERR_UPSTREAM_NOT_CONFIGURED:
    'No upstream is configured for this route (upstream.baseUrl or MAESTRO_UPSTREAM_URL).',
  ERR_INPUT_BLOCKED:
    'The input scan blocked the request (prompt injection or unsafe input); nothing was forwarded.',
  ERR_TOOL_CALL_BLOCKED:
    'The model proposed a tool call the tool policy does not allow; the response was withheld.',
  ERR_CONFIG_INVALID: 'The configuration is not valid; the gateway did not start.',
  ERR_USAGE: 'The command was called incorrectly.',
  ERR_INTERNAL: 'An internal error occurred.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

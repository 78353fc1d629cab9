import type { ErrorCode, SafeErrorBody } from '../errors/index.js';

/** HTTP status for each error code a gateway route can end with; anything else is 500. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  ERR_INPUT_TOO_LARGE: 413,
  ERR_INVALID_INPUT: 400,
  ERR_INVALID_OPTIONS: 400,
  ERR_TOOL_INVALID_ARGS: 400,
  ERR_UNAUTHENTICATED: 401,
  ERR_GRANT_INVALID: 401,
  ERR_FORBIDDEN: 403,
  ERR_GRANT_DENIED: 403,
  ERR_APPROVAL_FORBIDDEN: 403,
  ERR_INTENT_BLOCKED: 403,
  ERR_NOT_FOUND: 404,
  ERR_APPROVAL_NOT_FOUND: 404,
  ERR_LEDGER_NOT_FOUND: 404,
  ERR_REQUEST_TIMEOUT: 408,
  ERR_APPROVAL_STATE: 409,
  ERR_IDEMPOTENCY_CONFLICT: 409,
  ERR_RATE_LIMITED: 429,
  ERR_APPROVAL_QUEUE_FULL: 429,
  ERR_BULKHEAD_FULL: 429,
  ERR_BUDGET_EXCEEDED: 429,
  ERR_INPUT_BLOCKED: 403,
  ERR_TOOL_CALL_BLOCKED: 403,
  ERR_OUTPUT_BLOCKED: 403,
  ERR_OUTPUT_SCAN_FAILED: 502,
  ERR_UPSTREAM_UNAVAILABLE: 502,
  ERR_UPSTREAM_INVALID: 502,
  ERR_UPSTREAM_NOT_CONFIGURED: 503,
  ERR_CIRCUIT_OPEN: 503,
  ERR_LEDGER_UNAVAILABLE: 503,
  ERR_EXECUTOR_UNAVAILABLE: 503,
  ERR_TOOL_TIMEOUT: 504,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}

/** The OpenAI error `type` a client library expects for a status. */
function typeOf(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status < 500) return 'invalid_request_error';
  return 'api_error';
}

/** An OpenAI-style error body with maestro's stable code and the trace id; never a stack. */
export interface GatewayErrorBody {
  readonly error: {
    readonly message: string;
    readonly type: string;
    readonly code: ErrorCode;
    readonly param: string | null;
    readonly trace_id: string;
  };
}

export function errorBody(error: SafeErrorBody, traceId: string): { status: number; body: GatewayErrorBody } {
  const status = statusOf(error.code);
  return {
    status,
    body: {
      error: {
        message: error.message,
        type: typeOf(status),
        code: error.code,
        param: error.path === undefined || error.path.length === 0 ? null : error.path.join('.'),
        trace_id: traceId,
      },
    },
  };
}

import { MaestroError } from '../../errors/index.js';

/**
 * ERR_TOOL_TIMEOUT: an attempt outlived its deadline. Its AbortSignal was fired, so work that
 * listens to it (fetch, streams, cooperative loops) stopped, and the call settled at the deadline
 * even if the tool ignored the signal.
 */
export class ToolTimeoutError extends MaestroError {
  readonly tool: string;
  readonly timeoutMs: number;

  constructor(tool: string, timeoutMs: number) {
    super('ERR_TOOL_TIMEOUT', {
      message: `Tool ${tool} did not finish within ${timeoutMs} ms and was aborted.`,
    });
    this.name = 'ToolTimeoutError';
    this.tool = tool;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * ERR_CIRCUIT_OPEN: the integration failed repeatedly, so calls to it fail fast (the tool was not
 * run) until the breaker lets a trial call through. The executor turns this into a `degraded`
 * outcome the agent can work with instead of an exception.
 */
export class CircuitOpenError extends MaestroError {
  readonly integration: string;
  /** About how long until the breaker admits a trial call; undefined when not known. */
  readonly retryAfterMs: number | undefined;

  constructor(integration: string, retryAfterMs?: number) {
    const after = retryAfterMs === undefined ? '' : ` for about ${Math.ceil(retryAfterMs / 1000)} s more`;
    super('ERR_CIRCUIT_OPEN', {
      message: `Integration ${integration} is failing; its circuit is open${after} and the call was not attempted.`,
    });
    this.name = 'CircuitOpenError';
    this.integration = integration;
    this.retryAfterMs = retryAfterMs;
  }
}

/** ERR_BULKHEAD_FULL: the integration's concurrency limit and its queue are both full. */
export class BulkheadFullError extends MaestroError {
  readonly integration: string;

  constructor(integration: string) {
    super('ERR_BULKHEAD_FULL', {
      message: `Too many calls to integration ${integration} are running or queued; the call was not attempted.`,
    });
    this.name = 'BulkheadFullError';
    this.integration = integration;
  }
}

/**
 * ERR_TOOL_FAILED: the tool threw (or rejected). The original error is kept as `cause` for your
 * own logs; the message and `toJSON()` never carry it, because tool errors quote requests,
 * responses and sometimes credentials.
 */
export class ToolFailedError extends MaestroError {
  readonly tool: string;

  constructor(tool: string, cause: unknown) {
    super('ERR_TOOL_FAILED', { message: `Tool ${tool} failed; its error was recorded and withheld.`, cause });
    this.name = 'ToolFailedError';
    this.tool = tool;
  }
}

/**
 * The caller's AbortSignal fired: the call was cancelled, not failed. Code ERR_TOOL_FAILED (there
 * is no code of its own) and `name` 'AbortError', so code that checks `error.name === 'AbortError'`
 * treats it like any other cancellation. It is never retried and never counts against the breaker.
 */
export class ToolCancelledError extends MaestroError {
  readonly tool: string;

  constructor(tool: string, cause?: unknown) {
    super(
      'ERR_TOOL_FAILED',
      cause === undefined
        ? { message: `Tool ${tool} was cancelled by the caller.` }
        : { message: `Tool ${tool} was cancelled by the caller.`, cause },
    );
    this.name = 'AbortError';
    this.tool = tool;
  }
}

/**
 * Whether an attempt failed in a way that says something about the integration: the tool threw
 * or timed out. Only these are retried and only these count against the circuit breaker.
 */
export function isAttemptFailure(error: unknown): boolean {
  return error instanceof ToolTimeoutError || error instanceof ToolFailedError;
}

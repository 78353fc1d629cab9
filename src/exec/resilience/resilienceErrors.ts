import { MaestroError } from '../../errors/index.js';

/** ERR_TOOL_TIMEOUT: the attempt outlived its deadline; its AbortSignal was fired. */
export class ToolTimeoutError extends MaestroError {
  readonly timeoutMs: number;
  constructor(tool: string, timeoutMs: number) {
    super('ERR_TOOL_TIMEOUT', {
      message: `Tool ${tool} did not finish within ${timeoutMs} ms and was aborted.`,
    });
    this.name = 'ToolTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** ERR_CIRCUIT_OPEN: the integration failed repeatedly; calls fail fast until it may recover. */
export class CircuitOpenError extends MaestroError {
  readonly integration: string;
  /** When the breaker lets a trial call through again, if known. */
  readonly retryAfterMs: number | undefined;
  constructor(integration: string, retryAfterMs: number | undefined) {
    super('ERR_CIRCUIT_OPEN', {
      message: `Integration ${integration} is failing; its circuit is open${retryAfterMs === undefined ? '' : ` for about ${Math.ceil(retryAfterMs / 1000)} s more`}.`,
    });
    this.name = 'CircuitOpenError';
    this.integration = integration;
    this.retryAfterMs = retryAfterMs;
  }
}

/** ERR_BULKHEAD_FULL: the integration's concurrency limit and queue are both full. */
export class BulkheadFullError extends MaestroError {
  readonly integration: string;
  constructor(integration: string) {
    super('ERR_BULKHEAD_FULL', {
      message: `Too many calls to integration ${integration} are running or queued; try again later.`,
    });
    this.name = 'BulkheadFullError';
    this.integration = integration;
  }
}

/**
 * ERR_TOOL_FAILED: the tool threw. Its error stays in `cause` for your logs and never reaches
 * the caller: tool errors quote requests, responses and sometimes credentials.
 */
export class ToolFailedError extends MaestroError {
  constructor(tool: string, cause: unknown, cancelled = false) {
    super('ERR_TOOL_FAILED', {
      message: cancelled ? `Tool ${tool} was cancelled by the caller.` : `Tool ${tool} failed.`,
      cause,
    });
    this.name = 'ToolFailedError';
  }
}

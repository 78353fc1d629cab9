import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MaestroError, toSafeError } from '../../errors/index.js';
import { createResilience } from './resilience.js';
import {
  BulkheadFullError,
  CircuitOpenError,
  isAttemptFailure,
  ToolCancelledError,
  ToolFailedError,
  ToolTimeoutError,
} from './resilienceErrors.js';

const SECRET = 'postgres://admin:hunter2@db.internal/prod';

describe('resilience errors', () => {
  it('withhold the tool’s own error from the message and toJSON, keeping it as cause for logs', async () => {
    const resilience = createResilience();
    const original = new Error(`connect failed: ${SECRET}`);
    const error = await resilience
      .run({ tool: 'db.query', integration: 'db', timeoutMs: 1000, idempotent: false }, async () => {
        throw original;
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolFailedError);
    const failed = error as ToolFailedError;
    expect(failed.cause).toBe(original);
    expect(failed.toJSON()).toEqual({
      code: 'ERR_TOOL_FAILED',
      message: 'Tool db.query failed; its error was recorded and withheld.',
    });
    for (const text of [
      failed.message,
      JSON.stringify(failed),
      JSON.stringify(toSafeError(failed)),
      failed.stack ?? '',
    ]) {
      expect(text).not.toContain('hunter2');
    }
    // Your own logs still have it.
    expect(inspect(failed)).toContain('hunter2');
  });

  it('withhold what a tool throws on its way out of a timeout or a cancellation too', async () => {
    const resilience = createResilience();
    const controller = new AbortController();
    const cancelled = await resilience
      .run(
        {
          tool: 'db.query',
          integration: 'db',
          timeoutMs: 1000,
          idempotent: false,
          signal: controller.signal,
        },
        (signal) =>
          new Promise((_resolve, reject) => {
            signal.addEventListener('abort', () => reject(new Error(SECRET)));
            controller.abort();
          }),
      )
      .then(
        () => undefined,
        (e: unknown) => e as MaestroError,
      );
    expect(cancelled).toBeInstanceOf(ToolCancelledError);
    expect(JSON.stringify(cancelled)).not.toContain('hunter2');
    expect(cancelled?.message).not.toContain('hunter2');
  });

  it('carry their codes, names and fields', () => {
    expect(new ToolTimeoutError('t', 250)).toMatchObject({
      code: 'ERR_TOOL_TIMEOUT',
      name: 'ToolTimeoutError',
      tool: 't',
      timeoutMs: 250,
    });
    expect(new CircuitOpenError('bank', 1500)).toMatchObject({
      code: 'ERR_CIRCUIT_OPEN',
      integration: 'bank',
      retryAfterMs: 1500,
    });
    expect(new CircuitOpenError('bank').message).not.toContain('undefined');
    expect(new BulkheadFullError('bank')).toMatchObject({ code: 'ERR_BULKHEAD_FULL', integration: 'bank' });
    expect(new ToolCancelledError('t')).toMatchObject({ code: 'ERR_TOOL_FAILED', name: 'AbortError' });
    for (const error of [
      new ToolTimeoutError('t', 1),
      new CircuitOpenError('i'),
      new BulkheadFullError('i'),
      new ToolFailedError('t', new Error('x')),
      new ToolCancelledError('t'),
    ]) {
      expect(error).toBeInstanceOf(MaestroError);
      expect(Object.keys(error.toJSON()).sort()).toEqual(['code', 'message']);
    }
  });

  it('count only failures and timeouts as attempt failures (retried, and counted by the breaker)', () => {
    expect(isAttemptFailure(new ToolTimeoutError('t', 1))).toBe(true);
    expect(isAttemptFailure(new ToolFailedError('t', 'x'))).toBe(true);
    expect(isAttemptFailure(new ToolCancelledError('t'))).toBe(false);
    expect(isAttemptFailure(new CircuitOpenError('i'))).toBe(false);
    expect(isAttemptFailure(new BulkheadFullError('i'))).toBe(false);
    expect(isAttemptFailure(new Error('x'))).toBe(false);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MaestroError } from '../../errors/index.js';
import type { ResilientCall } from './callPolicies.js';
import { jitteredDelayMs } from './jitteredBackoff.js';
import { createResilience } from './resilience.js';

const call = (overrides: Partial<ResilientCall> = {}): ResilientCall => ({
  tool: 'demo.read',
  integration: 'demo',
  timeoutMs: 1000,
  idempotent: true,
  retry: { maxAttempts: 4, initialDelayMs: 100, maxDelayMs: 10_000 },
  ...overrides,
});

/** Runs the call to its end on the fake clock; returns the attempts' start times and the outcome. */
async function drive(
  promise: Promise<unknown>,
): Promise<{ value?: unknown; error?: MaestroError | undefined }> {
  const settled = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error: error instanceof MaestroError ? error : undefined }),
  );
  await vi.runAllTimersAsync();
  return settled;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('resilience: retries', () => {
  it('retries an idempotent call with exponential backoff and jitter drawn from the injected random', async () => {
    const draws = [0, 1, 0.5];
    const resilience = createResilience({ random: () => draws.shift() ?? 0.5 });
    const starts: number[] = [];
    const attempts: number[] = [];
    const { error } = await drive(
      resilience.run(call(), async (_signal, attempt) => {
        starts.push(Date.now());
        attempts.push(attempt);
        throw new Error('temporary');
      }),
    );
    expect(error?.code).toBe('ERR_TOOL_FAILED');
    expect(attempts).toEqual([1, 2, 3, 4]);
    const delays = starts.slice(1).map((t, i) => t - starts[i]!);
    // Ceilings 100, 200, 400; draws 0, 1, 0.5 give the floor, the ceiling and the middle.
    expect(delays).toEqual([50, 200, 300]);
  });

  it('backs off with growing delays for a fixed draw, capped at maxDelayMs, each within [ceiling/2, ceiling]', async () => {
    for (const draw of [0, 0.3, 0.999]) {
      const resilience = createResilience({ random: () => draw, breaker: { consecutiveFailures: 100 } });
      const starts: number[] = [];
      const retry = { maxAttempts: 6, initialDelayMs: 100, maxDelayMs: 500 };
      await drive(
        resilience.run(call({ retry }), async () => {
          starts.push(Date.now());
          throw new Error('down');
        }),
      );
      const delays = starts.slice(1).map((t, i) => t - starts[i]!);
      expect(delays).toHaveLength(5);
      delays.forEach((delay, i) => {
        const ceiling = Math.min(500, 100 * 2 ** i);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
        expect(delay).toBe(jitteredDelayMs(retry, i + 1, draw));
        if (i > 0) expect(delay).toBeGreaterThanOrEqual(delays[i - 1]!);
      });
    }
  });

  it('stops retrying once an attempt succeeds', async () => {
    const resilience = createResilience();
    let calls = 0;
    const { value } = await drive(
      resilience.run(call(), async (_signal, attempt) => {
        calls++;
        if (attempt < 3) throw new Error('temporary');
        return `done on ${attempt}`;
      }),
    );
    expect(value).toBe('done on 3');
    expect(calls).toBe(3);
  });

  it('retries timeouts, each attempt with its own deadline and a fresh signal', async () => {
    const resilience = createResilience({ random: () => 0 });
    const signals: AbortSignal[] = [];
    const { error } = await drive(
      resilience.run(
        call({ timeoutMs: 200, retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 10 } }),
        (signal) => {
          signals.push(signal);
          return new Promise<never>((_resolve, reject) =>
            signal.addEventListener('abort', () => reject(signal.reason)),
          );
        },
      ),
    );
    expect(error?.code).toBe('ERR_TOOL_TIMEOUT');
    expect(signals).toHaveLength(3);
    expect(new Set(signals).size).toBe(3);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it('never retries a call that is not idempotent, even with a retry spec', async () => {
    const resilience = createResilience();
    let calls = 0;
    const { error } = await drive(
      resilience.run(call({ idempotent: false }), async () => {
        calls++;
        throw new Error('payment failed');
      }),
    );
    expect(error?.code).toBe('ERR_TOOL_FAILED');
    expect(calls).toBe(1);
    let slow = 0;
    const timedOut = await drive(
      resilience.run(call({ idempotent: false, timeoutMs: 100 }), () => {
        slow++;
        return new Promise(() => undefined);
      }),
    );
    expect(timedOut.error?.code).toBe('ERR_TOOL_TIMEOUT');
    expect(slow).toBe(1);
  });

  it('makes one attempt without a retry spec', async () => {
    const resilience = createResilience();
    let calls = 0;
    const { retry: _omitted, ...noRetry } = call();
    await drive(
      resilience.run(noRetry, async () => {
        calls++;
        throw new Error('x');
      }),
    );
    expect(calls).toBe(1);
  });

  it('does not retry after the caller aborted, even from the backoff', async () => {
    const resilience = createResilience({ random: () => 1 });
    const controller = new AbortController();
    let calls = 0;
    const pending = resilience.run(
      call({ signal: controller.signal, retry: { maxAttempts: 5, initialDelayMs: 1000, maxDelayMs: 1000 } }),
      async () => {
        calls++;
        throw new Error('x');
      },
    );
    const settled = pending.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(500); // first attempt failed, now in a 1000 ms backoff
    controller.abort();
    const error = await settled;
    expect(error).toMatchObject({ code: 'ERR_TOOL_FAILED', name: 'AbortError' });
    await vi.runAllTimersAsync();
    expect(calls).toBe(1);
  });

  it('stops retrying when the circuit opens, without calling the tool again', async () => {
    const resilience = createResilience({ breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 } });
    let calls = 0;
    const { error } = await drive(
      resilience.run(call({ retry: { maxAttempts: 5, initialDelayMs: 10, maxDelayMs: 10 } }), async () => {
        calls++;
        throw new Error('x');
      }),
    );
    expect(calls).toBe(2);
    expect(error).toMatchObject({ code: 'ERR_CIRCUIT_OPEN', integration: 'demo' });
  });

  it('starts a retry only after the previous attempt that ignored its signal has ended', async () => {
    const resilience = createResilience({ random: () => 0 });
    let running = 0;
    let peak = 0;
    const starts: number[] = [];
    const { value } = await drive(
      resilience.run(
        call({ timeoutMs: 100, retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 10 } }),
        async (_signal, attempt) => {
          starts.push(Date.now());
          running++;
          peak = Math.max(peak, running);
          // Ignores its signal: attempt 1 takes 150 ms, past its 100 ms deadline.
          await new Promise((resolve) => setTimeout(resolve, attempt === 1 ? 150 : 10));
          running--;
          return attempt;
        },
      ),
    );
    expect(peak).toBe(1);
    expect(value).toBe(2);
    // Attempt 2 waited for attempt 1 to end (t = 150), not only for the backoff (t = 105).
    expect(starts).toEqual([0, 150]);
  });
});

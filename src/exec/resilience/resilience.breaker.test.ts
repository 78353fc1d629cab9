import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResilientCall } from './callPolicies.js';
import { createResilience } from './resilience.js';
import { CircuitOpenError } from './resilienceErrors.js';
import type { CircuitChange } from './resilienceOptions.js';

const call = (integration: string, overrides: Partial<ResilientCall> = {}): ResilientCall => ({
  tool: `${integration}.tool`,
  integration,
  timeoutMs: 1000,
  idempotent: false,
  ...overrides,
});

async function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    (value) => `ok:${String(value)}`,
    (error: unknown) => (error as { code?: string }).code ?? 'foreign',
  );
}

const failing = async (): Promise<string> => {
  throw new Error('down');
};

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('resilience: circuit breaker per integration', () => {
  it('opens after N consecutive failures and then fails fast without calling the tool', async () => {
    const resilience = createResilience({ breaker: { consecutiveFailures: 3, halfOpenAfterMs: 30_000 } });
    let calls = 0;
    const tool = async () => {
      calls++;
      throw new Error('down');
    };
    for (let i = 0; i < 2; i++)
      expect(await outcome(resilience.run(call('bank'), tool))).toBe('ERR_TOOL_FAILED');
    expect(resilience.state('bank')).toBe('closed');
    expect(await outcome(resilience.run(call('bank'), tool))).toBe('ERR_TOOL_FAILED');
    expect(resilience.state('bank')).toBe('open');
    const error = await resilience.run(call('bank'), tool).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error).toMatchObject({ code: 'ERR_CIRCUIT_OPEN', integration: 'bank', retryAfterMs: 30_000 });
    expect(calls).toBe(3);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await resilience.run(call('bank'), tool).catch((e: unknown) => e)).toMatchObject({
      retryAfterMs: 20_000,
    });
    expect(calls).toBe(3);
    expect(resilience.stats()).toEqual([
      { integration: 'bank', state: 'open', running: 0, queued: 0, abandoned: 0 },
    ]);
  });

  it('a success resets the count of consecutive failures', async () => {
    const resilience = createResilience({ breaker: { consecutiveFailures: 2 } });
    await outcome(resilience.run(call('crm'), failing));
    await outcome(resilience.run(call('crm'), async () => 'fine'));
    await outcome(resilience.run(call('crm'), failing));
    expect(resilience.state('crm')).toBe('closed');
    await outcome(resilience.run(call('crm'), failing));
    expect(resilience.state('crm')).toBe('open');
  });

  it('half-opens after the period, lets one trial through and closes when it succeeds', async () => {
    const resilience = createResilience({ breaker: { consecutiveFailures: 1, halfOpenAfterMs: 30_000 } });
    await outcome(resilience.run(call('bank'), failing));
    expect(resilience.state('bank')).toBe('open');
    await vi.advanceTimersByTimeAsync(29_999);
    expect(resilience.state('bank')).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    // Due for a trial: the next call is let through.
    expect(resilience.state('bank')).toBe('half-open');
    let finish!: (value: string) => void;
    const trial = resilience.run(
      call('bank'),
      () =>
        new Promise<string>((resolve) => {
          finish = resolve;
        }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(resilience.state('bank')).toBe('half-open');
    finish('up');
    expect(await trial).toBe('up');
    expect(resilience.state('bank')).toBe('closed');
    expect(await resilience.run(call('bank'), async () => 'again')).toBe('again');
  });

  it('opens again when the trial fails, for another full period', async () => {
    const resilience = createResilience({ breaker: { consecutiveFailures: 1, halfOpenAfterMs: 5_000 } });
    await outcome(resilience.run(call('bank'), failing));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await outcome(resilience.run(call('bank'), failing))).toBe('ERR_TOOL_FAILED');
    expect(resilience.state('bank')).toBe('open');
    expect(await resilience.run(call('bank'), failing).catch((e: unknown) => e)).toMatchObject({
      code: 'ERR_CIRCUIT_OPEN',
      retryAfterMs: 5_000,
    });
  });

  it('counts timeouts as failures', async () => {
    const resilience = createResilience({ breaker: { consecutiveFailures: 2 } });
    const hang = (signal: AbortSignal) =>
      new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    for (let i = 0; i < 2; i++) {
      const pending = outcome(resilience.run(call('slow', { timeoutMs: 100 }), hang));
      await vi.advanceTimersByTimeAsync(100);
      expect(await pending).toBe('ERR_TOOL_TIMEOUT');
    }
    expect(resilience.state('slow')).toBe('open');
  });

  it('does not count cancellations by the caller', async () => {
    const resilience = createResilience({ breaker: { consecutiveFailures: 2 } });
    for (let i = 0; i < 5; i++) {
      const controller = new AbortController();
      const pending = outcome(
        resilience.run(call('api', { signal: controller.signal }), (signal) => {
          queueMicrotask(() => controller.abort());
          return new Promise<never>((_resolve, reject) =>
            signal.addEventListener('abort', () => reject(signal.reason)),
          );
        }),
      );
      expect(await pending).toBe('ERR_TOOL_FAILED');
    }
    expect(resilience.state('api')).toBe('closed');
  });

  it('keeps the circuit open when the caller cancels the half-open trial', async () => {
    const resilience = createResilience({ breaker: { consecutiveFailures: 1, halfOpenAfterMs: 1_000 } });
    await outcome(resilience.run(call('bank'), failing));
    await vi.advanceTimersByTimeAsync(1_000);
    const controller = new AbortController();
    const trial = outcome(
      resilience.run(
        call('bank', { signal: controller.signal }),
        (signal) =>
          new Promise<never>((_resolve, reject) =>
            signal.addEventListener('abort', () => reject(signal.reason)),
          ),
      ),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(resilience.state('bank')).toBe('half-open');
    controller.abort();
    expect(await trial).toBe('ERR_TOOL_FAILED');
    await vi.advanceTimersByTimeAsync(0);
    expect(resilience.state('bank')).toBe('open');
    expect(await outcome(resilience.run(call('bank'), async () => 'x'))).toBe('ERR_CIRCUIT_OPEN');
  });

  it('keeps the breakers of two integrations independent', async () => {
    const resilience = createResilience({ breaker: { consecutiveFailures: 2 } });
    await outcome(resilience.run(call('bank'), failing));
    await outcome(resilience.run(call('bank'), failing));
    expect(resilience.state('bank')).toBe('open');
    expect(resilience.state('crm')).toBe('closed');
    expect(await resilience.run(call('crm'), async () => 'fine')).toBe('fine');
    await outcome(resilience.run(call('crm'), failing));
    expect(resilience.state('crm')).toBe('closed');
    expect(await outcome(resilience.run(call('bank'), async () => 'x'))).toBe('ERR_CIRCUIT_OPEN');
  });

  it('takes per-integration settings over the defaults, field by field', async () => {
    const resilience = createResilience({
      breaker: { consecutiveFailures: 5, halfOpenAfterMs: 1_000 },
      integrations: { fragile: { breaker: { consecutiveFailures: 1 } } },
    });
    await outcome(resilience.run(call('fragile'), failing));
    expect(resilience.state('fragile')).toBe('open');
    // halfOpenAfterMs comes from the defaults.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(resilience.state('fragile')).toBe('half-open');
    await outcome(resilience.run(call('sturdy'), failing));
    expect(resilience.state('sturdy')).toBe('closed');
  });

  it('calls onCircuitChange on every transition; dispose() removes the listeners', async () => {
    const changes: CircuitChange[] = [];
    const resilience = createResilience({
      breaker: { consecutiveFailures: 1, halfOpenAfterMs: 1_000 },
      onCircuitChange: (change) => {
        changes.push(change);
        throw new Error('a broken observer changes nothing');
      },
    });
    expect(await outcome(resilience.run(call('bank'), failing))).toBe('ERR_TOOL_FAILED');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await resilience.run(call('bank'), async () => 'up')).toBe('up');
    expect(changes).toEqual([
      { integration: 'bank', state: 'open' },
      { integration: 'bank', state: 'half-open' },
      { integration: 'bank', state: 'closed' },
    ]);
    // A call still running on the old breaker when it is disposed no longer reports.
    let fail!: (error: Error) => void;
    const inFlight = outcome(
      resilience.run(
        call('bank'),
        () =>
          new Promise<never>((_resolve, reject) => {
            fail = reject;
          }),
      ),
    );
    await vi.advanceTimersByTimeAsync(0);
    resilience.dispose();
    expect(resilience.stats()).toEqual([]);
    fail(new Error('down'));
    expect(await inFlight).toBe('ERR_TOOL_FAILED');
    expect(changes).toHaveLength(3);
    // Later calls start from a fresh, closed circuit.
    expect(resilience.state('bank')).toBe('closed');
    expect(await resilience.run(call('bank'), async () => 'fresh')).toBe('fresh');
  });
});

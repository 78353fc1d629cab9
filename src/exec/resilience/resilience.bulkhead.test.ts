import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MaestroError } from '../../errors/index.js';
import type { ResilientCall } from './callPolicies.js';
import { createResilience } from './resilience.js';

const call = (overrides: Partial<ResilientCall> = {}): ResilientCall => ({
  tool: 'pool.tool',
  integration: 'pool',
  timeoutMs: 1000,
  idempotent: false,
  ...overrides,
});

function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof MaestroError ? error.code : `foreign:${String(error)}`),
  );
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('resilience: bulkhead per integration', () => {
  it('admits `limit` calls at once, queues `queue` more and refuses the rest with ERR_BULKHEAD_FULL', async () => {
    const resilience = createResilience({ bulkhead: { limit: 2, queue: 1 } });
    const { open, opened } = gate();
    let calls = 0;
    const runs = [0, 1, 2, 3].map(() =>
      outcome(
        resilience.run(call(), async () => {
          calls++;
          await opened;
        }),
      ),
    );
    // The fourth is refused at once, before anything finishes.
    expect(await runs[3]).toBe('ERR_BULKHEAD_FULL');
    expect(calls).toBe(2);
    expect(resilience.stats()).toEqual([
      { integration: 'pool', state: 'closed', running: 2, queued: 1, abandoned: 0 },
    ]);
    // Another integration has its own bulkhead.
    expect(await outcome(resilience.run(call({ integration: 'other' }), async () => 1))).toBe('ok');
    open();
    expect(await Promise.all(runs.slice(0, 3))).toEqual(['ok', 'ok', 'ok']);
    expect(calls).toBe(3);
    expect(resilience.stats()[0]).toMatchObject({ running: 0, queued: 0 });
  });

  it('does not count a full bulkhead against the breaker', async () => {
    const resilience = createResilience({
      bulkhead: { limit: 1, queue: 0 },
      breaker: { consecutiveFailures: 1 },
    });
    const { open, opened } = gate();
    const first = resilience.run(call(), () => opened);
    for (let i = 0; i < 3; i++)
      expect(await outcome(resilience.run(call(), async () => 1))).toBe('ERR_BULKHEAD_FULL');
    open();
    await first;
    expect(resilience.state('pool')).toBe('closed');
  });

  it('starts a queued call’s deadline and attempts only once it is admitted', async () => {
    const resilience = createResilience({ bulkhead: { limit: 1, queue: 1 } });
    const first = outcome(
      resilience.run(call({ timeoutMs: 100 }), () => new Promise((resolve) => setTimeout(resolve, 90))),
    );
    const attempts: number[] = [];
    const second = outcome(
      resilience.run(call({ timeoutMs: 100 }), async (_signal, attempt) => {
        attempts.push(attempt);
        // Admitted at t = 90; 90 ms more is within its own 100 ms.
        await new Promise((resolve) => setTimeout(resolve, 90));
      }),
    );
    await vi.runAllTimersAsync();
    expect([await first, await second]).toEqual(['ok', 'ok']);
    expect(attempts).toEqual([1]);
  });

  it('fails fast on an open circuit instead of queueing behind the calls still running', async () => {
    const resilience = createResilience({
      bulkhead: { limit: 2, queue: 4 },
      breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 },
    });
    const { open, opened } = gate();
    const holding = outcome(resilience.run(call(), () => opened));
    expect(await outcome(resilience.run(call(), async () => Promise.reject(new Error('down'))))).toBe(
      'ERR_TOOL_FAILED',
    );
    let calls = 0;
    expect(
      await outcome(
        resilience.run(call(), async () => {
          calls++;
        }),
      ),
    ).toBe('ERR_CIRCUIT_OPEN');
    expect(resilience.stats()[0]).toMatchObject({ state: 'open', running: 1, queued: 0 });
    expect(calls).toBe(0);
    open();
    expect(await holding).toBe('ok');
  });

  it('property: the work running never exceeds `limit`, every call settles with a result or a typed error, and exactly the calls beyond limit + queue are refused', async () => {
    const job = fc.record({
      kind: fc.constantFrom('ok', 'fail', 'hang', 'stubborn'),
      ms: fc.integer({ min: 0, max: 40 }),
      idempotent: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(job, { minLength: 1, maxLength: 14 }),
        async (limit, queue, consecutiveFailures, jobs) => {
          const resilience = createResilience({
            bulkhead: { limit, queue },
            breaker: { consecutiveFailures, halfOpenAfterMs: 50 },
            random: () => 0.5,
          });
          let running = 0;
          let peak = 0;
          const work = (kind: string, ms: number) => (signal: AbortSignal) =>
            new Promise<number>((resolve, reject) => {
              running++;
              peak = Math.max(peak, running);
              let done = false;
              const stop = (settle: () => void) => {
                if (done) return;
                done = true;
                running--;
                settle();
              };
              const timer = setTimeout(
                () => stop(() => (kind === 'fail' ? reject(new Error('x')) : resolve(ms))),
                kind === 'hang' ? 10_000 : ms,
              );
              // 'stubborn' ignores its signal; the others stop at once.
              if (kind !== 'stubborn') {
                signal.addEventListener('abort', () => {
                  clearTimeout(timer);
                  stop(() => reject(signal.reason));
                });
              }
            });
          const settled = jobs.map((j) =>
            outcome(
              resilience.run(
                call({
                  timeoutMs: 25,
                  idempotent: j.idempotent,
                  retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20 },
                }),
                work(j.kind, j.ms),
              ),
            ),
          );
          await vi.runAllTimersAsync();
          const outcomes = await Promise.all(settled);
          expect(peak).toBeLessThanOrEqual(limit);
          for (const o of outcomes) {
            expect([
              'ok',
              'ERR_TOOL_FAILED',
              'ERR_TOOL_TIMEOUT',
              'ERR_CIRCUIT_OPEN',
              'ERR_BULKHEAD_FULL',
            ]).toContain(o);
          }
          expect(outcomes.filter((o) => o === 'ERR_BULKHEAD_FULL')).toHaveLength(
            Math.max(0, jobs.length - limit - queue),
          );
          expect(running).toBe(0);
          expect(resilience.stats()[0]).toMatchObject({ running: 0, queued: 0, abandoned: 0 });
        },
      ),
      { numRuns: 150 },
    );
  });
});

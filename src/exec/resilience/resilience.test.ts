import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaestroError } from '../../errors/index.js';
import { createResilience, type ResilientCall } from './resilience.js';

let server: Server;
let url: string;
let closedSockets = 0;
beforeAll(async () => {
  // Answers nothing: a request only ends when the client gives up.
  server = createServer((req) => {
    req.socket.on('close', () => {
      closedSockets++;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const call = (overrides: Partial<ResilientCall> = {}): ResilientCall => ({
  tool: 'demo.tool',
  integration: 'demo',
  timeoutMs: 100,
  idempotent: false,
  ...overrides,
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof MaestroError ? error.code : `foreign:${String(error)}`;
  }
}

describe('resilience: timeouts really stop the work', () => {
  it('aborts an HTTP request at the deadline: the server sees its socket close', async () => {
    const resilience = createResilience();
    const before = closedSockets;
    const started = performance.now();
    expect(await codeOf(resilience.run(call(), (signal) => fetch(url, { signal })))).toBe('ERR_TOOL_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closedSockets).toBeGreaterThan(before);
  });

  it('stops a cooperative loop, and settles at the deadline even when the tool ignores its signal', async () => {
    const resilience = createResilience();
    let iterations = 0;
    let stoppedAt = 0;
    const loop = (signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        const tick = () => {
          if (signal.aborted) {
            stoppedAt = iterations;
            resolve();
            return;
          }
          iterations++;
          setTimeout(tick, 1);
        };
        tick();
      });
    expect(await codeOf(resilience.run(call({ timeoutMs: 50 }), loop))).toBe('ERR_TOOL_TIMEOUT');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(iterations).toBe(stoppedAt);
    const started = performance.now();
    const stubborn = () => new Promise<never>(() => undefined);
    expect(await codeOf(resilience.run(call({ timeoutMs: 50 }), stubborn))).toBe('ERR_TOOL_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('reports a caller cancel as a cancelled tool, not a timeout', async () => {
    const resilience = createResilience();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await resilience
      .run(call({ timeoutMs: 5000, signal: controller.signal }), (signal) => fetch(url, { signal }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_TOOL_FAILED' });
    expect((error as Error).message).toContain('cancelled');
  });
});

describe('resilience: retries', () => {
  it('retries an idempotent call with growing delays, and never a call that is not idempotent', async () => {
    const resilience = createResilience();
    const times: number[] = [];
    const flaky = async () => {
      times.push(performance.now());
      if (times.length < 3) throw new Error('temporary');
      return 'done';
    };
    const retry = { maxAttempts: 4, initialDelayMs: 20, maxDelayMs: 200 };
    expect(await resilience.run(call({ idempotent: true, retry }), flaky)).toBe('done');
    expect(times).toHaveLength(3);
    let once = 0;
    const failing = async () => {
      once++;
      throw new Error('no');
    };
    expect(
      await codeOf(resilience.run(call({ integration: 'other', idempotent: false, retry }), failing)),
    ).toBe('ERR_TOOL_FAILED');
    expect(once).toBe(1);
  });

  it('never shows a tool’s own error message to the caller', async () => {
    const resilience = createResilience();
    const error = await resilience
      .run(call(), async () => {
        throw new Error('connect failed: postgres://admin:hunter2@db/prod');
      })
      .catch((e: unknown) => e as MaestroError);
    expect(error.code).toBe('ERR_TOOL_FAILED');
    expect(JSON.stringify(error.toJSON())).not.toContain('hunter2');
    expect(error.message).not.toContain('hunter2');
  });
});

describe('resilience: circuit breakers and bulkheads', () => {
  it('opens after N consecutive failures, fails fast without calling the tool, half-opens and closes on success', async () => {
    const resilience = createResilience({ breaker: { consecutiveFailures: 3, halfOpenAfterMs: 100 } });
    let calls = 0;
    let healthy = false;
    const tool = async () => {
      calls++;
      if (!healthy) throw new Error('down');
      return 'up';
    };
    for (let i = 0; i < 3; i++)
      expect(await codeOf(resilience.run(call({ integration: 'bank' }), tool))).toBe('ERR_TOOL_FAILED');
    expect(resilience.state('bank')).toBe('open');
    const open = await resilience.run(call({ integration: 'bank' }), tool).catch((e: unknown) => e);
    expect(open).toMatchObject({ code: 'ERR_CIRCUIT_OPEN', integration: 'bank' });
    expect((open as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(100);
    expect(calls).toBe(3);
    // Another integration is not affected.
    expect(await resilience.run(call({ integration: 'crm' }), async () => 'fine')).toBe('fine');
    await new Promise((resolve) => setTimeout(resolve, 120));
    healthy = true;
    expect(await resilience.run(call({ integration: 'bank' }), tool)).toBe('up');
    expect(resilience.state('bank')).toBe('closed');
  });

  it('admits `limit` calls at once, queues `queue`, and refuses the rest with ERR_BULKHEAD_FULL', async () => {
    const resilience = createResilience({ bulkhead: { limit: 2, queue: 1 } });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = async () => {
      await gate;
      return 'ok';
    };
    const runs = [0, 1, 2, 3].map(() =>
      codeOf(resilience.run(call({ integration: 'pool', timeoutMs: 5000 }), slow)),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(resilience.stats().find((s) => s.integration === 'pool')).toMatchObject({ running: 2, queued: 1 });
    release();
    expect((await Promise.all(runs)).sort()).toEqual(['ERR_BULKHEAD_FULL', 'ok', 'ok', 'ok']);
  });

  it('property: concurrency never exceeds the limit and every call settles with a result or a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.record({ ms: fc.integer({ min: 0, max: 5 }), fail: fc.boolean() }), {
          minLength: 1,
          maxLength: 12,
        }),
        async (limit, queue, jobs) => {
          const resilience = createResilience({
            bulkhead: { limit, queue },
            breaker: { consecutiveFailures: 1000, halfOpenAfterMs: 1000 },
          });
          let running = 0;
          let peak = 0;
          const outcomes = await Promise.all(
            jobs.map((job) =>
              codeOf(
                resilience.run(call({ integration: 'p', timeoutMs: 1000 }), async () => {
                  running++;
                  peak = Math.max(peak, running);
                  await new Promise((resolve) => setTimeout(resolve, job.ms));
                  running--;
                  if (job.fail) throw new Error('x');
                  return 1;
                }),
              ),
            ),
          );
          expect(peak).toBeLessThanOrEqual(limit);
          for (const outcome of outcomes)
            expect(['ok', 'ERR_TOOL_FAILED', 'ERR_BULKHEAD_FULL']).toContain(outcome);
          expect(outcomes.filter((o) => o !== 'ERR_BULKHEAD_FULL').length).toBeGreaterThanOrEqual(
            Math.min(jobs.length, limit),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});

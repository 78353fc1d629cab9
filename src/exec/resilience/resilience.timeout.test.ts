import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaestroError } from '../../errors/index.js';
import type { ResilientCall } from './callPolicies.js';
import { createResilience } from './resilience.js';
import { ToolCancelledError, ToolTimeoutError } from './resilienceErrors.js';

// A loopback server that never answers: a request only ends when the client gives up.
let server: Server;
let url: string;
const requests: Array<{ req: IncomingMessage; closed: Promise<void> }> = [];

beforeAll(async () => {
  server = createServer((req) => {
    const closed = new Promise<void>((resolve) => req.socket.once('close', () => resolve()));
    requests.push({ req, closed });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const call = (overrides: Partial<ResilientCall> = {}): ResilientCall => ({
  tool: 'demo.fetch',
  integration: 'demo',
  timeoutMs: 100,
  idempotent: false,
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<MaestroError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof MaestroError)) throw new Error(`expected a MaestroError, got ${String(error)}`);
  return error;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with `promise`, or rejects when it takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    sleep(ms).then(() => {
      throw new Error(`not within ${ms} ms`);
    }),
  ]);
}

describe('resilience: a timeout really stops the work', () => {
  it('aborts an HTTP request at the deadline and the server sees its socket close', async () => {
    const resilience = createResilience();
    const before = requests.length;
    const started = performance.now();
    const error = await failure(resilience.run(call(), (signal) => fetch(url, { signal })));
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(ToolTimeoutError);
    expect(error).toMatchObject({ code: 'ERR_TOOL_TIMEOUT', timeoutMs: 100 });
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(1000);
    expect(requests.length).toBe(before + 1);
    // The request reached the server, and the client hung up on it: the work stopped.
    await within(requests[before]!.closed, 2000);
    expect(resilience.stats()).toEqual([
      { integration: 'demo', state: 'closed', running: 0, queued: 0, abandoned: 0 },
    ]);
  });

  it('stops a CPU-bound loop that checks signal.aborted between slices', async () => {
    const resilience = createResilience();
    let slices = 0;
    let stopped = false;
    const loop = async (signal: AbortSignal) => {
      while (!signal.aborted) {
        const until = performance.now() + 1;
        while (performance.now() < until) {
          // a slice of real work
        }
        slices++;
        await new Promise((resolve) => setImmediate(resolve));
      }
      stopped = true;
      throw signal.reason;
    };
    const error = await failure(resilience.run(call({ timeoutMs: 60 }), loop));
    expect(error.code).toBe('ERR_TOOL_TIMEOUT');
    await sleep(10);
    expect(stopped).toBe(true);
    const at = slices;
    await sleep(40);
    expect(slices).toBe(at);
    expect(slices).toBeGreaterThan(2);
  });

  it('settles at the deadline when the tool ignores its signal, and keeps the slot until the tool ends', async () => {
    const resilience = createResilience();
    let finished = false;
    const stubborn = async () => {
      await sleep(300);
      finished = true;
      return 'too late';
    };
    const error = await failure(resilience.run(call({ timeoutMs: 50 }), stubborn));
    expect(error.code).toBe('ERR_TOOL_TIMEOUT');
    // Answered at the deadline, while the tool was still running.
    expect(finished).toBe(false);
    expect(resilience.stats()[0]).toMatchObject({ running: 1, abandoned: 1 });
    await within(
      (async () => {
        while (!finished) await sleep(10);
      })(),
      2000,
    );
    await sleep(5);
    expect(resilience.stats()[0]).toMatchObject({ running: 0, abandoned: 0 });
  });

  it('reports a caller abort as a cancellation (AbortError, ERR_TOOL_FAILED), not a timeout, and stops the request', async () => {
    const resilience = createResilience();
    const controller = new AbortController();
    const before = requests.length;
    const pending = resilience.run(call({ timeoutMs: 5000, signal: controller.signal }), (signal) =>
      fetch(url, { signal }),
    );
    await within(
      (async () => {
        while (requests.length === before) await sleep(5);
      })(),
      2000,
    );
    controller.abort();
    const error = await failure(pending);
    expect(error).toBeInstanceOf(ToolCancelledError);
    expect(error).toMatchObject({ code: 'ERR_TOOL_FAILED', name: 'AbortError' });
    expect(error.message).toContain('cancelled');
    await within(requests[before]!.closed, 2000);
  });

  it('does not start a call whose caller already aborted, and answers an abort while the call is queued', async () => {
    const resilience = createResilience({ bulkhead: { limit: 1, queue: 4 } });
    let calls = 0;
    const aborted = AbortSignal.abort();
    expect((await failure(resilience.run(call({ signal: aborted }), async () => calls++))).name).toBe(
      'AbortError',
    );
    let release!: () => void;
    const busy = resilience.run(
      call({ timeoutMs: 5000 }),
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    const controller = new AbortController();
    const queued = resilience.run(call({ timeoutMs: 5000, signal: controller.signal }), async () => {
      calls++;
    });
    expect(resilience.stats()[0]).toMatchObject({ running: 1, queued: 1 });
    controller.abort();
    expect((await within(failure(queued), 500)).name).toBe('AbortError');
    release();
    await busy;
    await sleep(5);
    expect(calls).toBe(0);
    expect(resilience.stats()[0]).toMatchObject({ running: 0, queued: 0 });
  });
});

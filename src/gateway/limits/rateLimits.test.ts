import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { settingsFromEnv } from '../config/gatewaySettings.js';
import { startGateway } from '../startGateway.js';
import { dropRedisPrefix, TEST_REDIS_URL, testRedisPrefix } from '../testing/redisTestPrefix.js';
import { createRateLimits, RateLimitedError } from './rateLimits.js';

const prefix = testRedisPrefix();
const small = {
  perTenant: { points: 5, durationSec: 60 },
  perPrincipal: { points: 3, durationSec: 60 },
  concurrencyPerTenant: 2,
};

afterAll(async () => {
  await dropRedisPrefix(prefix);
});

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof RateLimitedError ? `limited:${error.limit}` : `error:${String(error)}`;
  }
}

describe('rate limits', () => {
  it('limit each principal and each tenant, in memory', async () => {
    const limits = createRateLimits(small);
    const results: string[] = [];
    for (let i = 0; i < 4; i++)
      results.push(await outcome(limits.admit('acme', 'a').then((release) => release())));
    expect(results).toEqual(['ok', 'ok', 'ok', 'limited:principal']);
    // Another principal of the tenant has its own budget until the tenant's runs out (5 in all).
    expect(await outcome(limits.admit('acme', 'b').then((r) => r()))).toBe('ok');
    expect(await outcome(limits.admit('acme', 'c').then((r) => r()))).toBe('limited:tenant');
    expect(await outcome(limits.admit('globex', 'a').then((r) => r()))).toBe('ok');
    await limits.close();
  });

  it('cap the requests of a tenant in flight', async () => {
    const limits = createRateLimits({
      ...small,
      perPrincipal: { points: 100, durationSec: 60 },
      perTenant: { points: 100, durationSec: 60 },
    });
    const first = await limits.admit('acme', 'a');
    const second = await limits.admit('acme', 'b');
    expect(await outcome(limits.admit('acme', 'c'))).toBe('limited:concurrency');
    first();
    first(); // releasing twice frees one slot only
    const third = await limits.admit('acme', 'c');
    expect(await outcome(limits.admit('acme', 'd'))).toBe('limited:concurrency');
    second();
    third();
    await limits.close();
  });

  it('are shared by replicas through Redis', async () => {
    const a = createRateLimits(small, { redisUrl: TEST_REDIS_URL, keyPrefix: `${prefix}:shared` });
    const b = createRateLimits(small, { redisUrl: TEST_REDIS_URL, keyPrefix: `${prefix}:shared` });
    expect(a.shared && b.shared).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200)); // connect
    const results = [
      await outcome(a.admit('acme', 'p').then((r) => r())),
      await outcome(b.admit('acme', 'p').then((r) => r())),
      await outcome(a.admit('acme', 'p').then((r) => r())),
      await outcome(b.admit('acme', 'p').then((r) => r())),
    ];
    expect(results).toEqual(['ok', 'ok', 'ok', 'limited:principal']);
    await a.close();
    await b.close();
  });

  it('still hold, per process, when Redis is unreachable', async () => {
    const limits = createRateLimits(small, { redisUrl: 'redis://127.0.0.1:1', keyPrefix: `${prefix}:down` });
    const results: string[] = [];
    for (let i = 0; i < 4; i++) results.push(await outcome(limits.admit('acme', 'a').then((r) => r())));
    expect(results).toEqual(['ok', 'ok', 'ok', 'limited:principal']);
    await limits.close();
  });

  it('answer 429 with Retry-After over HTTP, and log a rate_limited event for each (at most 60 a minute)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-limits-'));
    const gateway = await startGateway({
      settings: { ...settingsFromEnv({ MAESTRO_DATA_DIR: dir }), port: 0, limits: small },
      env: {},
      print: () => undefined,
    });
    try {
      const key = gateway.bootstrap.generated as string;
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${gateway.url}/v1/scan`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: '{"text":"hello"}',
        });
        statuses.push(response.status);
        if (response.status === 429) {
          retryAfter = response.headers.get('retry-after');
          expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
            'ERR_RATE_LIMITED',
          );
        } else await response.text();
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      // Health checks are never limited.
      expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
      await gateway.ledger.flush();
      const events = await gateway.ledger.queryRiskEvents({ tenantId: 'default', types: ['rate_limited'] });
      expect(events.events).toHaveLength(2);
    } finally {
      await gateway.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

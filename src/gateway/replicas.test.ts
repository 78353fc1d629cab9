import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor, createToolRegistry } from '../exec/index.js';
import { testPolicy, testTools } from '../exec/testing/execFixture.js';
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
} from '../ledger/testing/postgresTestDatabase.js';
import { settingsFromEnv } from './config/gatewaySettings.js';
import { type RunningGateway, startGateway } from './startGateway.js';
import { dropRedisPrefix, TEST_REDIS_URL, testRedisPrefix } from './testing/redisTestPrefix.js';

const prefix = testRedisPrefix();
const dirs: string[] = [];
let database: PostgresTestDatabase;
let a: RunningGateway;
let b: RunningGateway;

async function replica(env: NodeJS.ProcessEnv): Promise<RunningGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-replica-'));
  dirs.push(dir);
  return startGateway({
    settings: {
      ...settingsFromEnv({ MAESTRO_DATA_DIR: dir, ...env }),
      port: 0,
      databaseUrl: database.url,
      databaseRoles: database.roles,
      redisUrl: TEST_REDIS_URL,
      redisKeyPrefix: prefix,
    },
    env: {},
    print: () => undefined,
  });
}

beforeAll(async () => {
  database = await createPostgresTestDatabase();
  a = await replica({ MAESTRO_RATE_LIMIT_PER_PRINCIPAL: '6' });
  b = await replica({ MAESTRO_RATE_LIMIT_PER_PRINCIPAL: '6' });
}, 60_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await database?.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await dropRedisPrefix(prefix);
});

const call = (gateway: RunningGateway, key: string, method: string, path: string, body?: unknown) =>
  fetch(`${gateway.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('two gateway replicas on one PostgreSQL and one Redis', () => {
  it('create one bootstrap key between them, and share keys, approvals, events and rate limits', async () => {
    // Only the first replica found no keys; the second uses the same ones.
    expect([a.bootstrap.created, b.bootstrap.created].filter(Boolean)).toHaveLength(1);
    const admin = (a.bootstrap.generated ?? b.bootstrap.generated) as string;
    const created = await call(a, admin, 'POST', '/v1/keys', { principal: 'user:alice', role: 'approver' });
    const approver = ((await created.json()) as { key: string }).key;
    expect((await call(b, approver, 'GET', '/v1/approvals')).status).toBe(200);

    // A request made through an executor on replica A's store is approved through replica B.
    const executor = await createExecutor({
      registry: createToolRegistry(testTools().tools),
      policy: testPolicy(),
      ledger: a.ledger,
      systemTenantId: 'default',
    });
    const pending = await executor.propose(
      { tool: 'payments.send', args: { amount: 5, to: 'acct' } },
      { tenantId: 'default', principal: { id: 'agent:billing', kind: 'agent' } },
    );
    if (pending.status !== 'pending_approval') throw new Error(`expected pending, got ${pending.status}`);
    const approved = await call(b, approver, 'POST', `/v1/approvals/${pending.approval.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(await executor.resume('default', pending.approval.id)).toMatchObject({ status: 'succeeded' });

    // Events written by either replica are one log that verifies.
    await a.ledger.flush();
    await b.ledger.flush();
    const events = (await (await call(b, admin, 'GET', '/v1/events?types=receipt,approval')).json()) as {
      events: unknown[];
    };
    expect(events.events.length).toBeGreaterThanOrEqual(3);
    expect((await a.ledger.verify('default', {})).ok).toBe(true);

    // The principal's 6 requests a minute are counted across both replicas.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await call(i % 2 === 0 ? a : b, approver, 'GET', '/v1/approvals')).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
  });
});

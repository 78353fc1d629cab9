import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor, createToolRegistry, type Executor } from '../exec/index.js';
import { testPolicy, testTools } from '../exec/testing/execFixture.js';
import { createApiKeyStore } from './auth/apiKeys.js';
import { settingsFromEnv } from './config/gatewaySettings.js';
import { type RunningGateway, startGateway } from './startGateway.js';

const dir = mkdtempSync(join(tmpdir(), 'maestro-gateway-routes-'));
let gateway: RunningGateway;
let executor: Executor;
const keys: Record<string, string> = {};

async function call(
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  gateway = await startGateway({
    settings: { ...settingsFromEnv({ MAESTRO_DATA_DIR: dir }), port: 0 },
    env: {},
    print: () => undefined,
  });
  const store = createApiKeyStore(gateway.ledger.store);
  for (const [name, tenantId, principal, role] of [
    ['acmeAgent', 'acme', 'agent:billing', 'agent'],
    ['acmeApprover', 'acme', 'user:alice', 'approver'],
    ['acmeReader', 'acme', 'user:audit', 'reader'],
    ['globexApprover', 'globex', 'user:bob', 'approver'],
  ] as const) {
    keys[name] = (await store.create({ tenantId, principal, role })).key;
  }
  executor = await createExecutor({
    registry: createToolRegistry(testTools().tools),
    policy: testPolicy(),
    ledger: gateway.ledger,
  });
});
afterAll(async () => {
  await gateway?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('gateway: approvals over HTTP', () => {
  it('lists a pending request, refuses the requester, lets an approver approve, and the call then runs', async () => {
    const pending = await executor.propose(
      { tool: 'payments.send', args: { amount: 120, to: 'acct-7' } },
      { tenantId: 'acme', principal: { id: 'user:alice', kind: 'user' } },
    );
    if (pending.status !== 'pending_approval') throw new Error(`expected pending, got ${pending.status}`);
    const id = pending.approval.id;
    const list = await call(keys.acmeReader as string, 'GET', '/v1/approvals');
    expect((list.json.items as Array<{ id: string }>).map((i) => i.id)).toContain(id);
    // An agent key may not decide, and alice requested this one herself.
    expect((await call(keys.acmeAgent as string, 'POST', `/v1/approvals/${id}/approve`, {})).status).toBe(
      403,
    );
    const self = await call(keys.acmeApprover as string, 'POST', `/v1/approvals/${id}/approve`, {});
    expect(self.status).toBe(403);
    expect((self.json.error as { code: string }).code).toBe('ERR_APPROVAL_FORBIDDEN');
    // Another tenant's approver cannot even see it.
    expect(
      (await call(keys.globexApprover as string, 'POST', `/v1/approvals/${id}/approve`, {})).status,
    ).toBe(404);
    const admin = gateway.bootstrap.generated as string;
    expect((await call(admin, 'GET', `/v1/approvals/${id}`)).status).toBe(404); // admin of tenant default
  });

  it('an approver of the tenant approves another requester’s call', async () => {
    const pending = await executor.propose(
      { tool: 'payments.send', args: { amount: 80, to: 'acct-9' } },
      { tenantId: 'acme', principal: { id: 'agent:billing', kind: 'agent' } },
    );
    if (pending.status !== 'pending_approval') throw new Error('expected pending');
    const decided = await call(
      keys.acmeApprover as string,
      'POST',
      `/v1/approvals/${pending.approval.id}/approve`,
      { note: 'ok' },
    );
    expect(decided.status).toBe(200);
    expect(decided.json).toMatchObject({ status: 'approved', approver: 'user:alice' });
    expect(await executor.resume('acme', pending.approval.id)).toMatchObject({ status: 'succeeded' });
    const again = await call(
      keys.acmeApprover as string,
      'POST',
      `/v1/approvals/${pending.approval.id}/deny`,
      {},
    );
    expect(again.status).toBe(409);
    expect((await call(keys.acmeApprover as string, 'GET', '/v1/approvals?status=bogus')).status).toBe(400);
  });
});

describe('gateway: the ledger over HTTP', () => {
  it('serves the caller’s tenant only: events, stats, heads and proofs', async () => {
    await gateway.ledger.flush();
    const events = await call(keys.acmeReader as string, 'GET', '/v1/events?types=receipt,approval&limit=50');
    expect(events.status).toBe(200);
    const list = events.json.events as Array<{ tenantId: string; id: string; type: string }>;
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((e) => e.tenantId === 'acme' && ['receipt', 'approval'].includes(e.type))).toBe(true);
    const globex = await call(keys.globexApprover as string, 'GET', '/v1/events');
    expect((globex.json.events as unknown[]).length).toBe(0);
    expect((await call(keys.acmeAgent as string, 'GET', '/v1/events')).status).toBe(403);
    expect((await call(keys.acmeReader as string, 'GET', '/v1/events?limit=abc')).status).toBe(400);
    expect((await call(keys.acmeReader as string, 'GET', '/v1/events?types=nonsense')).status).toBe(400);

    const stats = await call(keys.acmeReader as string, 'GET', '/v1/stats?bucket=1h');
    expect(stats.status).toBe(200);
    // Every event of the tenant in the last day, so at least the receipts and approvals listed.
    expect(stats.json.total as number).toBeGreaterThanOrEqual(list.length);
    expect(stats.json.tenantId).toBe('acme');
    const heads = await call(keys.acmeReader as string, 'GET', '/v1/ledger/heads');
    expect((heads.json.heads as unknown[]).length).toBeGreaterThan(0);
    const first = list[list.length - 1] as { id: string };
    const proof = await call(keys.acmeReader as string, 'GET', `/v1/ledger/proof/${first.id}`);
    expect(proof.status).toBe(200);
    // Another tenant asking for acme's event gets nothing.
    expect((await call(keys.globexApprover as string, 'GET', `/v1/ledger/proof/${first.id}`)).status).toBe(
      404,
    );
  });
});

describe('gateway: API key rotation', () => {
  it('an admin creates a key (shown once), lists keys without secrets, and a revoked key stops working at once', async () => {
    const admin = gateway.bootstrap.generated as string;
    const created = await call(admin, 'POST', '/v1/keys', {
      principal: 'agent:new',
      role: 'agent',
      label: 'rotation test',
    });
    expect(created.status).toBe(201);
    const newKey = created.json.key as string;
    expect(newKey).toMatch(/^mk_/);
    expect((await call(newKey, 'POST', '/v1/scan', { text: 'hi' })).status).toBe(200);
    const listed = await call(admin, 'GET', '/v1/keys');
    expect(JSON.stringify(listed.json)).not.toContain(newKey);
    expect(JSON.stringify(listed.json)).not.toMatch(/[0-9a-f]{64}/);
    expect(
      (await call(keys.acmeApprover as string, 'POST', '/v1/keys', { principal: 'x', role: 'admin' })).status,
    ).toBe(403);
    const revoked = await call(admin, 'POST', `/v1/keys/${created.json.keyId as string}/revoke`, {});
    expect(revoked.json).toMatchObject({ revoked: true });
    expect((await call(newKey, 'POST', '/v1/scan', { text: 'hi' })).status).toBe(401);
    // A key is revoked once; revoking it again finds nothing to revoke.
    expect((await call(admin, 'POST', `/v1/keys/${created.json.keyId as string}/revoke`, {})).status).toBe(
      404,
    );
  });
});

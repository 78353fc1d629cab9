import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerStore, SqlRow, TransactionScope } from '../../ledger/index.js';
import type { TestDatabase } from '../../ledger/testing/testDatabase.js';
import { TEST_ENGINES } from '../../ledger/testing/testDatabases.js';
import { claimApproval, decideApproval, requestApproval } from './approvalStore.js';
import { claimKey, completeKey } from './idempotencyStore.js';

const HASH = 'a'.repeat(64);
const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const approvalRequest = (id: string, argsHash: string) => ({
  tenantId: 'tenant-a',
  id,
  tool: 't',
  argsHash,
  toolFingerprint: HASH,
  intentJson: '{}',
  requester: 'agent:a',
  reasons: ['effect'],
  now: NOW,
  ttlMs: 60_000,
  maxPending: 10,
  maxPendingPerRequester: 10,
});

const EXEC_TABLES = [
  'exec_idempotency',
  'exec_approvals',
  'exec_approval_overflow',
  'exec_kill_switches',
  'exec_fingerprints',
];

/** The executor's tables keep the ledger's tenant isolation, with raw SQL as the roles concerned. */
describe.each(TEST_ENGINES)('executor store on $engine', ({ create }) => {
  let db: TestDatabase;
  let store: LedgerStore;

  const run = (scope: TransactionScope, sql: string, params: unknown[] = []): Promise<SqlRow[]> =>
    db.sql.transaction(scope, (tx) => tx.query(sql, params));

  beforeAll(async () => {
    db = await create();
    store = await db.createStore();
    await claimKey(store, {
      tenantId: 'tenant-a',
      key: 'k1',
      tool: 't',
      argsHash: HASH,
      holder: 'h',
      now: NOW,
      leaseMs: 1000,
    });
    await requestApproval(store, approvalRequest('01JGZ0000000000000000000AA', HASH));
  });
  afterAll(async () => {
    await db?.drop();
  });

  it.each(EXEC_TABLES)(
    'row-level security hides %s rows of other tenants, and the app role cannot DELETE',
    async (table) => {
      const seen = await run(
        { role: db.roles.app, tenantId: 'tenant-b' },
        `SELECT count(*)::int AS n FROM ${table}`,
      );
      expect(Number(seen[0]?.n)).toBe(0);
      const refused = await run({ role: db.roles.app, tenantId: 'tenant-a' }, `DELETE FROM ${table}`).then(
        () => 'allowed',
        () => 'refused',
      );
      expect(refused).toBe('refused');
    },
  );

  it('a tenant cannot write rows for another tenant', async () => {
    const outcome = await run(
      { role: db.roles.app, tenantId: 'tenant-b' },
      `INSERT INTO exec_kill_switches (tenant_id, engaged, actor, reason, updated_at) VALUES ('tenant-a', false, 'x', 'y', now())`,
    ).then(
      () => 'allowed',
      () => 'refused',
    );
    expect(outcome).toBe('refused');
  });

  it('a claim is taken over only after its lease, and only the holder completes it', async () => {
    const claim = (holder: string, now: number) =>
      claimKey(store, {
        tenantId: 'tenant-a',
        key: 'lease',
        tool: 't',
        argsHash: HASH,
        holder,
        now,
        leaseMs: 1000,
      });
    expect(await claim('first', NOW)).toEqual({ kind: 'claimed', takeover: false });
    expect(await claim('second', NOW + 500)).toMatchObject({ kind: 'running' });
    expect(await claim('second', NOW + 1000)).toEqual({ kind: 'claimed', takeover: true });
    const complete = (holder: string) =>
      completeKey(store, {
        tenantId: 'tenant-a',
        key: 'lease',
        holder,
        now: NOW + 1100,
        outcome: { status: 'succeeded', resultJson: '{"ok":true}', receiptJson: '{}' },
      });
    expect(await complete('first')).toBe(false);
    expect(await complete('second')).toBe(true);
    expect(await claim('third', NOW + 2000)).toEqual({
      kind: 'replay',
      resultJson: '{"ok":true}',
      receiptJson: '{}',
    });
  });

  it('of two concurrent resumes of one approved request, exactly one claims it', async () => {
    const id = '01JGZ0000000000000000000BB';
    await requestApproval(store, approvalRequest(id, 'b'.repeat(64)));
    const decided = await decideApproval(store, {
      tenantId: 'tenant-a',
      id,
      approver: 'user:b',
      excluded: () => ['agent:a'],
      approve: true,
      note: null,
      now: NOW + 10,
    });
    expect(decided.result?.status).toBe('approved');
    const claims = await Promise.all(
      Array.from({ length: 6 }, () => claimApproval(store, 'tenant-a', id, NOW + 20)),
    );
    expect(claims.filter((c) => c.result?.status === 'executing')).toHaveLength(1);
    expect(claims.filter((c) => c.refusal?.code === 'ERR_APPROVAL_STATE')).toHaveLength(5);
  });
});

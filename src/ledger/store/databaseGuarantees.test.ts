import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendSample } from '../testing/appendSample.js';
import type { TestDatabase } from '../testing/testDatabase.js';
import { TEST_ENGINES } from '../testing/testDatabases.js';
import type { SqlRow, TransactionScope } from './sqlClient.js';

interface DriverError {
  code?: string;
  message: string;
}

const APPEND_ONLY = ['ledger_events', 'ledger_heads'] as const;

/**
 * Each guarantee of migrations/001_ledger.sql, asserted with raw SQL as the role concerned:
 * the store is not in the way, so these hold for any client of the database.
 */
describe.each(TEST_ENGINES)('database guarantees on $engine', ({ create }) => {
  let db: TestDatabase;

  async function run(scope: TransactionScope, sql: string, params: unknown[] = []): Promise<SqlRow[]> {
    return db.sql.transaction(scope, (tx) => tx.query(sql, params));
  }
  async function refused(scope: TransactionScope, sql: string, params: unknown[] = []): Promise<DriverError> {
    const outcome = await run(scope, sql, params).then(
      () => undefined,
      (error: unknown) => error as DriverError,
    );
    if (outcome === undefined) throw new Error(`expected to be refused: ${sql}`);
    return outcome;
  }
  async function count(scope: TransactionScope, sql: string): Promise<number> {
    const rows = await run(scope, sql);
    return Number(rows[0]?.n);
  }
  const app = (tenantId?: string): TransactionScope => ({
    role: db.roles.app,
    ...(tenantId && { tenantId }),
  });
  const owner = (tenantId?: string): TransactionScope => ({
    role: db.roles.owner,
    ...(tenantId && { tenantId }),
  });
  const auditor = (tenantId?: string): TransactionScope => ({
    role: db.roles.auditor,
    ...(tenantId && { tenantId }),
  });

  beforeAll(async () => {
    db = await create();
    const store = await db.createStore();
    await appendSample(store, 'tenant-a', 3, { everyEvents: 1 });
    await appendSample(store, 'tenant-b', 2, { everyEvents: 1 });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it.each(APPEND_ONLY)('the app role cannot UPDATE, DELETE or TRUNCATE %s', async (table) => {
    for (const sql of [
      `UPDATE ${table} SET body = body WHERE tenant_id = 'tenant-a'`,
      `DELETE FROM ${table} WHERE tenant_id = 'tenant-a'`,
      `TRUNCATE ${table}`,
    ]) {
      const error = await refused(app('tenant-a'), sql);
      expect(error.code).toBe('42501');
      expect(error.message).toMatch(/permission denied/);
    }
  });

  it.each(APPEND_ONLY)(
    'the trigger stops UPDATE, DELETE and TRUNCATE of %s for the owner and a superuser',
    async (table) => {
      for (const scope of [owner('tenant-a'), {}]) {
        for (const sql of [
          `UPDATE ${table} SET body = '{}' WHERE tenant_id = 'tenant-a'`,
          `DELETE FROM ${table} WHERE tenant_id = 'tenant-a'`,
          `DELETE FROM ${table} WHERE false`,
          `TRUNCATE ${table}`,
        ]) {
          const error = await refused(scope, sql);
          expect(error.message).toMatch(new RegExp(`ledger table ${table} is append-only`));
        }
      }
      expect(
        await count({ role: db.roles.app, tenantId: 'tenant-a' }, `SELECT count(*) AS n FROM ${table}`),
      ).toBe(3);
    },
  );

  it('row-level security shows a tenant transaction only its own rows, even without a WHERE clause', async () => {
    for (const table of ['ledger_events', 'ledger_heads', 'ledger_state']) {
      expect(await count(app('tenant-a'), `SELECT count(DISTINCT tenant_id) AS n FROM ${table}`)).toBe(1);
      expect(
        await count(app('tenant-a'), `SELECT count(*) AS n FROM ${table} WHERE tenant_id = 'tenant-b'`),
      ).toBe(0);
      expect(await count(app(), `SELECT count(*) AS n FROM ${table}`)).toBe(0);
    }
    expect(await count(app('tenant-a'), 'SELECT count(*) AS n FROM ledger_events')).toBe(3);
    expect(await count(app('tenant-b'), 'SELECT count(*) AS n FROM ledger_events')).toBe(2);
  });

  it('row-level security refuses writing a row for another tenant', async () => {
    const insert = `INSERT INTO ledger_events
      (tenant_id, seq, id, time, type, lane, severity, detector, body, leaf_hash, chain_hash)
      VALUES ($1, 99, 'forged-' || $1, now(), 'injection', 'none', 'low', 'd', '{}', $2, $2)`;
    const hash = Buffer.alloc(32, 1);
    const error = await refused(app('tenant-a'), insert, ['tenant-b', hash]);
    expect(error.code).toBe('42501');
    expect(error.message).toMatch(/row-level security/);
    expect(
      (await refused(app('tenant-a'), 'INSERT INTO ledger_tenants (tenant_id) VALUES ($1)', ['tenant-c']))
        .message,
    ).toMatch(/row-level security/);
    const state = await refused(app('tenant-a'), "UPDATE ledger_state SET tenant_id = 'tenant-b'");
    expect(state.message).toMatch(/permission denied/);
    expect((await refused(app('tenant-a'), 'DELETE FROM ledger_state')).message).toMatch(/permission denied/);
  });

  it('FORCE ROW LEVEL SECURITY binds the table owner too', async () => {
    const forced = await run(
      {},
      `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
        WHERE relname IN ('ledger_events', 'ledger_heads', 'ledger_state', 'ledger_tenants') ORDER BY relname`,
    );
    expect(forced).toHaveLength(4);
    for (const row of forced) expect([row.relrowsecurity, row.relforcerowsecurity]).toEqual([true, true]);
    expect(await count(owner('tenant-a'), 'SELECT count(*) AS n FROM ledger_events')).toBe(3);
    expect(await count(owner(), 'SELECT count(*) AS n FROM ledger_events')).toBe(0);
    expect(await count(owner('tenant-a'), 'SELECT count(*) AS n FROM ledger_tenants')).toBe(0);
  });

  it('keeps the tenant list and the admin log away from the app role', async () => {
    expect((await refused(app('tenant-a'), 'SELECT * FROM ledger_tenants')).message).toMatch(
      /permission denied/,
    );
    expect((await refused(app('tenant-a'), 'SELECT * FROM ledger_admin_reads')).message).toMatch(
      /permission denied/,
    );
    expect(await count(auditor(), 'SELECT count(*) AS n FROM ledger_tenants')).toBe(2);
    // The auditor reads, but one tenant per transaction, and writes nothing but its own trail.
    expect(await count(auditor('tenant-b'), 'SELECT count(*) AS n FROM ledger_events')).toBe(2);
    expect(
      (await refused(auditor('tenant-b'), "DELETE FROM ledger_events WHERE tenant_id = 'tenant-b'")).code,
    ).toBe('42501');
    const trail = await refused(
      auditor(),
      "INSERT INTO ledger_admin_reads (purpose, db_user) VALUES ('x', 'someone')",
    );
    expect(trail.message).toMatch(/permission denied/);
  });

  it('a session that never assumes a role bypasses row-level security (which is why the store always sets one)', async () => {
    // Superusers (and PGlite's only user) are exempt from RLS even when it is forced.
    expect(await count({}, 'SELECT count(DISTINCT tenant_id) AS n FROM ledger_events')).toBe(2);
  });
});

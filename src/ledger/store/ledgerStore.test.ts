import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaestroError } from '../../errors/index.js';
import { buildRiskEvent } from '../buildRiskEvent.js';
import { canonicalJson } from '../canonicalJson.js';
import { eventLeafHash } from '../event.js';
import { createEventIdFactory } from '../eventId.js';
import { GENESIS_CHAIN_HASH } from '../hashes.js';
import { merkleRoot } from '../merkle.js';
import { appendSample, testSigner } from '../testing/appendSample.js';
import { sampleEvent } from '../testing/sampleEvents.js';
import type { TestDatabase } from '../testing/testDatabase.js';
import { TEST_ENGINES } from '../testing/testDatabases.js';
import { planAppend } from '../writerBatch.js';
import type { LedgerStore } from './ledgerStore.js';
import type { StoredEvent } from './tenantReader.js';

const nextId = createEventIdFactory();
function buildSample(tenantId: string) {
  const now = new Date();
  return buildRiskEvent(sampleEvent(tenantId), { id: nextId(now), seq: 0, time: now });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe.each(TEST_ENGINES)('the $engine store', ({ create }) => {
  let db: TestDatabase;
  let store: LedgerStore;
  beforeAll(async () => {
    db = await create();
    store = await db.createStore();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('stores the exact canonical bytes and reads them back in seq order, page by page', async () => {
    const tricky = [
      sampleEvent('roundtrip', 0),
      {
        ...sampleEvent('roundtrip', 1),
        preview: 'NULL',
        attributes: { s: '{"a":[1,2]}', q: 'it\'s \\\\ "x"' },
      },
      { ...sampleEvent('roundtrip', 2), preview: ' , {} "" \\ \t \u2028 𝄞 \u0000' },
    ];
    const first = await appendSample(store, 'roundtrip', 3, { inputs: tricky });
    const second = await appendSample(store, 'roundtrip', 4);
    const rows = [...first.rows, ...second.rows];

    const read = await collect(store.readEvents('roundtrip', { pageSize: 2 }));
    expect(read.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    read.forEach((e, i) => {
      expect(e.body).toBe(rows[i]?.body);
      expect(e.id).toBe(rows[i]?.id);
      expect(e.leafHash.equals(rows[i]!.leafHash)).toBe(true);
      expect(e.chainHash.equals(rows[i]!.chainHash)).toBe(true);
      expect(e.time.toISOString()).toBe(rows[i]?.time);
      // The stored bytes are what the leaf hash covers.
      const parsed = JSON.parse(e.body);
      expect(canonicalJson(parsed)).toBe(e.body);
      expect(eventLeafHash(parsed).equals(e.leafHash)).toBe(true);
    });
    const window = await collect(store.readEvents('roundtrip', { fromSeq: 2, toSeq: 5, pageSize: 2 }));
    expect(window.map((e) => e.seq)).toEqual([2, 3, 4]);
    const limited = await collect(store.readEvents('roundtrip', { fromSeq: 1, limit: 3, pageSize: 2 }));
    expect(limited.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('refuses a row whose column holds a tab or a newline instead of splitting it', async () => {
    const plan = planAppend(
      {
        tenantId: 'separators',
        nextSeq: 0,
        chainHash: Buffer.from(GENESIS_CHAIN_HASH),
        frontier: { size: 0, hashes: [] },
        headCount: 0,
        eventsSinceHead: 0,
        lastHeadAt: null,
      },
      [buildSample('separators')],
      {
        signer: testSigner(),
        heads: { everyEvents: 1000, everyMs: 60_000 },
        now: new Date(),
        forceHead: false,
      },
    );
    for (const detector of ['rules\tv1', 'rules\nv1']) {
      const rows = [{ ...plan.rows[0]!, detector }];
      await expect(store.append('separators', (session) => session.insertEvents(rows))).rejects.toThrow(
        MaestroError,
      );
    }
    expect(await collect(store.readEvents('separators'))).toEqual([]);
  });

  it('keeps the writer state in step with the rows and reads leaf hashes for proofs', async () => {
    const plan = await appendSample(store, 'state', 5);
    const state = await store.readState('state');
    expect(state).toMatchObject({ tenantId: 'state', nextSeq: 5, headCount: 0, eventsSinceHead: 5 });
    expect(state?.chainHash.equals(plan.rows[4]!.chainHash)).toBe(true);
    const leaves = await store.readLeafHashes('state', 5);
    expect(merkleRoot(leaves).equals(merkleRoot(plan.rows.map((r) => r.leafHash)))).toBe(true);
    expect(await store.readLeafHashes('state', 3)).toHaveLength(3);
    expect(await store.readState('nobody')).toBeUndefined();
  });

  it('creates a tenant from the genesis state and writes heads with exact bodies', async () => {
    const plan = await appendSample(store, 'heads', 5, { everyEvents: 2 });
    expect(plan.rows[0]?.seq).toBe(0);
    const heads = await store.readHeads('heads');
    expect(heads.map((h) => [h.index, h.treeSize])).toEqual([
      [0, 2],
      [1, 4],
    ]);
    expect(heads.map((h) => h.body)).toEqual(plan.heads.map((h) => h.body));
    expect(GENESIS_CHAIN_HASH.length).toBe(32);
  });

  it('finds events by id and reports which ids of a batch were committed', async () => {
    const plan = await appendSample(store, 'lookup', 3);
    const event = await store.readEvent('lookup', plan.rows[1]!.id);
    expect(event?.seq).toBe(1);
    expect(await store.readEvent('other', plan.rows[1]!.id)).toBeUndefined();
    const seqs = await store.readEventSeqs('lookup', [plan.rows[2]!.id, 'missing']);
    expect([...seqs]).toEqual([[plan.rows[2]!.id, 2]]);
  });

  it('rolls back everything an append wrote when it fails', async () => {
    await appendSample(store, 'rollback', 2);
    const failed = await store
      .append('rollback', async (session) => {
        const plan = planAppend(session.state, [buildSample('rollback')], {
          signer: testSigner(),
          heads: { everyEvents: 1, everyMs: 1000 },
          now: new Date(),
          forceHead: false,
        });
        await session.insertEvents(plan.rows);
        await session.insertHead(plan.heads[0]!);
        await session.saveState(plan.update);
        throw new Error('boom');
      })
      .catch((e: unknown) => e);
    expect((failed as MaestroError).code).toBe('ERR_LEDGER_UNAVAILABLE');
    expect((failed as MaestroError).message).not.toContain('boom');
    expect((await store.readState('rollback'))?.nextSeq).toBe(2);
    expect(await collect(store.readEvents('rollback'))).toHaveLength(2);
    expect(await store.readHeads('rollback')).toHaveLength(0);
  });

  it('lets the state only move forward, in step with the events', async () => {
    await appendSample(store, 'forward', 3);
    const back = await store
      .append('forward', (s) => s.saveState({ ...s.state, nextSeq: 1 }))
      .catch((e: unknown) => e);
    expect((back as MaestroError).code).toBe('ERR_LEDGER_UNAVAILABLE');
    expect(String(((back as MaestroError).cause as Error).message)).toMatch(/only move forward/);
    const ahead = await store
      .append('forward', (s) => s.saveState({ ...s.state, nextSeq: 7 }))
      .catch((e: unknown) => e);
    expect(String(((ahead as MaestroError).cause as Error).message)).toMatch(/ahead of the events/);
    expect((await store.readState('forward'))?.nextSeq).toBe(3);
  });

  it('scopes tenant reads to one tenant even for a query without a WHERE clause', async () => {
    await appendSample(store, 'iso-a', 2);
    await appendSample(store, 'iso-b', 3);
    const counts = await store.read('iso-a', (tx) =>
      tx.query<{ n: number; tenants: string[] }>(
        'SELECT count(*)::int AS n, array_agg(DISTINCT tenant_id) AS tenants FROM ledger_events',
      ),
    );
    expect(counts[0]).toEqual({ n: 2, tenants: ['iso-a'] });
    expect(await collect(store.readEvents('iso-b'))).toHaveLength(3);
  });

  it('reaches all tenants only through the admin path, which records each tenant it opens', async () => {
    await appendSample(store, 'audit-a', 1);
    await appendSample(store, 'audit-b', 1);
    const admin = store.admin('export');
    expect(await admin.listTenants()).toEqual(expect.arrayContaining(['audit-a', 'audit-b', 'iso-a']));
    const events: StoredEvent[] = [];
    for (const tenant of ['audit-a', 'audit-b']) events.push(...(await collect(admin.readEvents(tenant))));
    await admin.readHeads('audit-a');
    expect(events.map((e) => e.tenantId)).toEqual(['audit-a', 'audit-b']);
    const log = await db.sql.transaction({}, (tx) =>
      tx.query<{ purpose: string; tenant_id: string | null; db_user: string }>(
        "SELECT purpose, tenant_id, db_user FROM ledger_admin_reads WHERE purpose = 'export' ORDER BY at",
      ),
    );
    expect(log.map((r) => r.tenant_id)).toEqual([null, 'audit-a', 'audit-b']);
    expect(log[0]?.db_user).toBe('postgres');
    expect(() => store.admin('Not a purpose!')).toThrow(MaestroError);
  });

  it('fails closed after close', async () => {
    const other = await db.createStore();
    await other.close();
    await other.close();
    const after = await other.readState('state').catch((e: unknown) => e);
    expect((after as MaestroError).code).toBe('ERR_LEDGER_CLOSED');
  });
});

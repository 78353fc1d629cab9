import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MaestroError } from '../errors/index.js';
import type { RiskEventInput } from './eventSchema.js';
import { createLedger, type Ledger, type LedgerOptions } from './ledger.js';
import type { LedgerStore } from './store/ledgerStore.js';
import { testSigner } from './testing/appendSample.js';
import { controllableStore } from './testing/controllableStore.js';
import { sampleEvent } from './testing/sampleEvents.js';
import type { TestDatabase } from './testing/testDatabase.js';
import { TEST_ENGINES } from './testing/testDatabases.js';
import type { RiskEventAck } from './writerBatch.js';

const code = (e: unknown) => (e as MaestroError).code;
const settle = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

describe.each(TEST_ENGINES)('createLedger on $engine', ({ create }) => {
  let db: TestDatabase;
  let store: LedgerStore;
  const signer = testSigner();
  const open: Ledger[] = [];
  const ledgerOn = (s: LedgerStore, options: Partial<LedgerOptions> = {}) => {
    const ledger = createLedger({ store: s, signer, closeStore: false, ...options });
    open.push(ledger);
    return ledger;
  };

  beforeAll(async () => {
    db = await create();
    store = await db.createStore();
  });
  afterAll(async () => {
    await Promise.allSettled(open.map((l) => l.close()));
    await db?.drop();
  });

  it('acknowledges each event after commit with its id and gap-free seq, and the log verifies', async () => {
    const ledger = ledgerOn(store, { heads: { everyEvents: 4, everyMs: 60_000 } });
    const acks = await Promise.all(
      Array.from({ length: 10 }, (_, i) => ledger.logRiskEvent(sampleEvent(i % 2 ? 'ack-a' : 'ack-b', i))),
    );
    const a = acks.filter((x) => x.tenantId === 'ack-a');
    expect(a.map((x) => x.seq)).toEqual([0, 1, 2, 3, 4]);
    for (const ack of acks) {
      expect((await store.readEventSeqs(ack.tenantId, [ack.id])).get(ack.id)).toBe(ack.seq);
    }
    expect((await ledger.readHeads('ack-a')).map((h) => h.treeSize)).toEqual([4]);
    await ledger.flush();
    expect((await ledger.readHeads('ack-a')).map((h) => h.treeSize)).toEqual([4, 5]);
    const report = await ledger.verify('ack-a');
    expect(report.ok).toBe(true);
    expect(report.tenants[0]).toMatchObject({ events: 5, heads: 2, problems: [] });
  });

  it('refuses an invalid event at once, before anything is queued', async () => {
    const ledger = ledgerOn(store);
    const bad = { ...sampleEvent('invalid'), severity: 'apocalyptic' } as unknown as RiskEventInput;
    const result = ledger.logRiskEvent(bad);
    expect(ledger.stats().pending).toBe(0);
    expect(code(await result.catch((e) => e))).toBe('ERR_LEDGER_INVALID_EVENT');
    expect(await store.readState('invalid')).toBeUndefined();
  });

  it('gives back-pressure when the queue is full and never loses an acknowledged event', async () => {
    const gated = controllableStore(store);
    const ledger = ledgerOn(gated, { queue: { maxPending: 5, maxBatch: 2, flushMs: 0 } });
    const release = gated.hold();
    const accepted = Array.from({ length: 5 }, (_, i) => settle(ledger.logRiskEvent(sampleEvent('bp', i))));
    let acknowledgedEarly = false;
    for (const p of accepted) void p.then(() => (acknowledgedEarly = true));
    const overflow = await ledger.logRiskEvent(sampleEvent('bp', 5)).catch((e) => e);
    expect(code(overflow)).toBe('ERR_LEDGER_BACKPRESSURE');
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Nothing is acknowledged while its transaction cannot run.
    expect(acknowledgedEarly).toBe(false);
    expect(ledger.stats()).toMatchObject({ pending: 5, capacity: 5 });
    // A caller that can wait gets in once there is room.
    const patient = settle(ledger.logRiskEvent(sampleEvent('bp', 6), { waitMs: 60_000 }));
    const ready = ledger.ready();
    release();
    const results = await Promise.all([...accepted, patient]);
    await ready;
    expect(results.every((r) => r.ok)).toBe(true);
    const acks = results.map((r) => (r as { value: RiskEventAck }).value);
    expect(acks.map((a) => a.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    const stored = await store.readEventSeqs(
      'bp',
      acks.map((a) => a.id),
    );
    expect(stored.size).toBe(6);
  });

  it('rejects every event of a failed commit, keeps nothing of it, and the next batch continues the log', async () => {
    const faulty = controllableStore(store);
    const ledger = ledgerOn(faulty, { heads: { everyEvents: 2, everyMs: 60_000 } });
    const before = await Promise.all([0, 1, 2].map((i) => ledger.logRiskEvent(sampleEvent('fail', i))));
    faulty.failNextAppends(1);
    const failed = await Promise.all(
      [3, 4, 5].map((i) => settle(ledger.logRiskEvent(sampleEvent('fail', i)))),
    );
    expect(failed.map((r) => (r.ok ? 'ok' : code(r.error)))).toEqual([
      'ERR_LEDGER_UNAVAILABLE',
      'ERR_LEDGER_UNAVAILABLE',
      'ERR_LEDGER_UNAVAILABLE',
    ]);
    const failure = failed[0] as { error: MaestroError };
    expect(failure.error.message).not.toMatch(/injected|INSERT|ledger_events/);
    const after = await Promise.all([6, 7].map((i) => ledger.logRiskEvent(sampleEvent('fail', i))));
    expect([...before, ...after].map((a) => a.seq)).toEqual([0, 1, 2, 3, 4]);
    await ledger.flush();
    const report = await ledger.verify('fail');
    expect(report.ok).toBe(true);
    expect(report.tenants[0]?.events).toBe(5);
  });

  it('signs a head by time for a quiet tenant', async () => {
    const ledger = ledgerOn(store, { heads: { everyEvents: 1000, everyMs: 20 } });
    await ledger.logRiskEvent(sampleEvent('quiet'));
    await vi.waitFor(async () => expect(await ledger.readHeads('quiet')).toHaveLength(1), {
      timeout: 20_000,
    });
  });

  it('close drains, writes the final head, then refuses with ERR_LEDGER_CLOSED', async () => {
    const ledger = ledgerOn(store);
    const pending = [0, 1, 2].map((i) => ledger.logRiskEvent(sampleEvent('closing', i)));
    await ledger.close();
    expect((await Promise.all(pending)).map((a) => a.seq)).toEqual([0, 1, 2]);
    expect((await ledger.readHeads('closing')).map((h) => h.treeSize)).toEqual([3]);
    expect(code(await ledger.logRiskEvent(sampleEvent('closing')).catch((e) => e))).toBe('ERR_LEDGER_CLOSED');
    expect(code(await ledger.ready().catch((e) => e))).toBe('ERR_LEDGER_CLOSED');
    await ledger.close();
  });

  it('verifies every tenant through the audited path and trusts only known keys', async () => {
    const ledger = ledgerOn(store);
    await ledger.logRiskEvent(sampleEvent('all-1'));
    await ledger.flush();
    const all = await ledger.verify();
    expect(all.ok).toBe(true);
    expect(all.tenants.map((t) => t.tenantId)).toEqual(expect.arrayContaining(['all-1', 'ack-a', 'fail']));
    expect(await ledger.listTenants()).toEqual(all.tenants.map((t) => t.tenantId));
    // A ledger with another key does not trust these heads.
    const stranger = createLedger({ store, signer: testSigner(), closeStore: false });
    const report = await stranger.verify('all-1');
    await stranger.close();
    expect(report.ok).toBe(false);
    expect(report.tenants[0]?.problems.map((p) => p.code)).toContain('HEAD_UNKNOWN_KEY');
    expect(ledger.keyId).toBe(signer.keyId);
    expect(ledger.publicKeyPem).toBe(signer.publicKeyPem);
  });

  it('validates its options', () => {
    expect(() => createLedger({ store, queue: { maxPending: 0 } })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }),
    );
    expect(() => createLedger({} as LedgerOptions)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }),
    );
  });
});

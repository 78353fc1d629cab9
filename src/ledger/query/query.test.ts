import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MaestroError } from '../../errors/index.js';
import type { RiskEventInput } from '../eventSchema.js';
import { createLedger, type Ledger } from '../ledger.js';
import { checkInclusionProof } from '../proof.js';
import { testSigner } from '../testing/appendSample.js';
import type { TestDatabase } from '../testing/testDatabase.js';
import { TEST_ENGINES } from '../testing/testDatabases.js';

const T0 = Date.UTC(2026, 10, 23, 0, 0, 0);
const MINUTE = 60_000;

/** Events at chosen minutes after T0: steady injections, one burst, a few other types. */
function scenario(tenantId: string): RiskEventInput[] {
  const events: RiskEventInput[] = [];
  const at = (minute: number, type: RiskEventInput['type'], lane?: 'auto' | 'confirm' | 'block') =>
    events.push({
      tenantId,
      type,
      severity: 'high',
      detector: type === 'injection' ? 'rules:override' : 'dlp:secret',
      ...(lane === undefined ? {} : { lane }),
      time: new Date(T0 + minute * MINUTE + 1_000),
      ...(minute === 40 ? { traceId: '0af7651916cd43dd8448eb211c80319c' } : {}),
    });
  for (let minute = 0; minute < 20; minute++) at(minute, 'injection', minute % 2 === 0 ? 'block' : 'confirm');
  for (let k = 0; k < 30; k++) at(20, 'injection', 'block'); // the burst
  for (let minute = 21; minute < 30; minute++) at(minute, 'injection', 'auto');
  at(40, 'output_leak', 'block');
  at(41, 'rate_limited');
  return events;
}

describe.each(TEST_ENGINES)('query, stats and proofs on $engine', ({ create }) => {
  let db: TestDatabase;
  let ledger: Ledger;
  const signer = testSigner();

  beforeAll(async () => {
    db = await create();
    ledger = createLedger({ store: await db.createStore(), signer, closeStore: false });
    for (const tenant of ['q-a', 'q-b']) {
      await Promise.all(scenario(tenant).map((e) => ledger.logRiskEvent(e)));
    }
    await ledger.flush();
  });
  afterAll(async () => {
    await ledger?.close();
    await db?.drop();
  });

  it('pages through a tenant newest first with keyset cursors, no event twice or missed', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await ledger.queryRiskEvents({ tenantId: 'q-a', limit: 7, ...(cursor ? { cursor } : {}) });
      seen.push(...page.events.map((e) => e.id));
      for (const e of page.events) expect(e.tenantId).toBe('q-a');
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor !== undefined);
    expect(seen).toHaveLength(61);
    expect(new Set(seen).size).toBe(61);
    expect(pages).toBe(9);
    const all = (await ledger.queryRiskEvents({ tenantId: 'q-a', limit: 1000 })).events;
    const times = all.map((e) => e.time);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by type, lane, time window and trace, and ascending order works', async () => {
    const blocked = await ledger.queryRiskEvents({
      tenantId: 'q-a',
      types: ['injection'],
      lanes: ['block'],
      limit: 1000,
    });
    expect(blocked.events).toHaveLength(40);
    const none = await ledger.queryRiskEvents({ tenantId: 'q-a', lanes: ['none'] });
    expect(none.events.map((e) => e.type)).toEqual(['rate_limited']);
    const window = await ledger.queryRiskEvents({
      tenantId: 'q-a',
      from: new Date(T0 + 21 * MINUTE),
      to: new Date(T0 + 30 * MINUTE),
      order: 'asc',
      limit: 1000,
    });
    expect(window.events).toHaveLength(9);
    expect(window.events[0]!.time < window.events[8]!.time).toBe(true);
    const traced = await ledger.queryRiskEvents({
      tenantId: 'q-a',
      traceId: '0af7651916cd43dd8448eb211c80319c',
    });
    expect(traced.events.map((e) => e.type)).toEqual(['output_leak']);
  });

  it('refuses bad queries with ERR_INVALID_OPTIONS naming the field', async () => {
    const bad = [
      { tenantId: 'q-a', limit: 0 },
      { tenantId: 'q-a', limit: 5000 },
      { tenantId: 'q-a', types: ['nope'] },
      { tenantId: 'q-a', from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      { tenantId: 'q-a', cursor: 'garbage' },
      { tenantId: '' },
      { tenantId: 'q-a', extra: 1 },
    ];
    for (const query of bad) {
      const error = await ledger.queryRiskEvents(query as never).catch((e: unknown) => e);
      expect((error as MaestroError).code).toBe('ERR_INVALID_OPTIONS');
    }
    const asc = await ledger.queryRiskEvents({ tenantId: 'q-a', limit: 2, order: 'asc' });
    const mixed = await ledger
      .queryRiskEvents({ tenantId: 'q-a', cursor: asc.nextCursor ?? '', order: 'desc' })
      .catch((e: unknown) => e);
    expect((mixed as MaestroError).code).toBe('ERR_INVALID_OPTIONS');
  });

  it('counts per bucket, names the top detectors and flags the injection burst as a spike', async () => {
    const stats = await ledger.getRiskStats({
      tenantId: 'q-a',
      from: new Date(T0),
      to: new Date(T0 + 60 * MINUTE),
      bucket: '1m',
    });
    expect(stats.total).toBe(61);
    expect(stats.buckets).toHaveLength(60);
    expect(stats.buckets[20]).toMatchObject({ total: 30, spike: true, byType: { injection: 30 } });
    expect(stats.buckets[3]).toMatchObject({ total: 1, spike: false, byLane: { confirm: 1 } });
    expect(stats.spikes.map((s) => s.start)).toEqual([new Date(T0 + 20 * MINUTE).toISOString()]);
    expect(stats.topDetectors[0]).toEqual({ detector: 'rules:override', count: 59 });
    const hourly = await ledger.getRiskStats({
      tenantId: 'q-a',
      from: new Date(T0),
      to: new Date(T0 + 3_600_000),
      bucket: '1h',
    });
    expect(hourly.buckets.map((b) => b.total)).toEqual([61]);
    const tooMany = await ledger
      .getRiskStats({ tenantId: 'q-a', from: new Date(0), to: new Date(T0), bucket: '1m' })
      .catch((e: unknown) => e);
    expect((tooMany as MaestroError).code).toBe('ERR_INVALID_OPTIONS');
  });

  it('proves an event with a bundle that checks against the public key alone', async () => {
    const [event] = (await ledger.queryRiskEvents({ tenantId: 'q-b', limit: 1, order: 'asc' })).events;
    const bundle = await ledger.proveEvent('q-b', event!.id);
    expect(checkInclusionProof(JSON.parse(JSON.stringify(bundle)), ledger.publicKeyPem)).toEqual({
      ok: true,
    });
    const forged = { ...bundle, event: { ...bundle.event, preview: 'edited' } };
    expect(checkInclusionProof(forged, ledger.publicKeyPem).ok).toBe(false);
    const missing = await ledger.proveEvent('q-b', '01JD8X3N4Q0000000000000000').catch((e: unknown) => e);
    expect((missing as MaestroError).code).toBe('ERR_LEDGER_NOT_FOUND');
    // Another tenant's event is not found, not proven: the read runs under that tenant's RLS.
    const crossTenant = await ledger.proveEvent('q-a', event!.id).catch((e: unknown) => e);
    expect((crossTenant as MaestroError).code).toBe('ERR_LEDGER_NOT_FOUND');
  });
});

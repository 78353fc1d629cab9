import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MaestroError } from '../errors/index.js';
import { createLedger, type Ledger } from './ledger.js';
import { testSigner } from './testing/appendSample.js';
import { createPostgresTestDatabase, type PostgresTestDatabase } from './testing/postgresTestDatabase.js';
import { sampleEvent } from './testing/sampleEvents.js';
import type { RiskEventAck } from './writerBatch.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function storedSeqs(ledger: Ledger, tenantId: string): Promise<{ seq: number; id: string }[]> {
  const rows: { seq: number; id: string }[] = [];
  for await (const e of ledger.readEvents(tenantId)) rows.push({ seq: e.seq, id: e.id });
  return rows;
}

describe('several writers on one PostgreSQL database', () => {
  let db: PostgresTestDatabase;
  const signers = [testSigner(), testSigner()];
  const ledgers: Ledger[] = [];

  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    for (const [i, signer] of signers.entries()) {
      const store = await db.createStore({ poolSize: 4, applicationName: `maestro-writer-${i}` });
      ledgers.push(
        createLedger({
          store,
          signer,
          trustedKeys: signers.map((s) => s.publicKeyPem),
          heads: { everyEvents: 7, everyMs: 60_000 },
          queue: { maxBatch: 5, flushMs: 0 },
        }),
      );
    }
  });
  afterAll(async () => {
    await Promise.allSettled(ledgers.map((l) => l.close()));
    await db?.drop();
  });

  it('interleaved appends to one tenant give a gap-free seq and a log that verifies', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            writer: fc.integer({ min: 0, max: 1 }),
            size: fc.integer({ min: 1, max: 12 }),
            delayMs: fc.integer({ min: 0, max: 3 }),
          }),
          { minLength: 2, maxLength: 6 },
        ),
        async (bursts) => {
          const tenantId = `shared-${run++}`;
          const acks = (
            await Promise.all(
              bursts.map(async ({ writer, size, delayMs }) => {
                await sleep(delayMs);
                return Promise.all(
                  Array.from({ length: size }, (_, i) =>
                    ledgers[writer]!.logRiskEvent(sampleEvent(tenantId, i)),
                  ),
                );
              }),
            )
          ).flat();
          const total = bursts.reduce((n, b) => n + b.size, 0);
          expect(acks.map((a) => a.seq).sort((x, y) => x - y)).toEqual(
            Array.from({ length: total }, (_, i) => i),
          );
          await Promise.all(ledgers.map((l) => l.flush()));
          const stored = await storedSeqs(ledgers[0]!, tenantId);
          expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: total }, (_, i) => i));
          const bySeq = new Map(acks.map((a) => [a.seq, a.id]));
          for (const row of stored) expect(row.id).toBe(bySeq.get(row.seq));
          const report = await ledgers[1]!.verify(tenantId);
          expect(report.tenants[0]?.problems).toEqual([]);
          expect(report.ok).toBe(true);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('survives its connections being terminated mid-stream: acknowledged events stay, the log verifies', async () => {
    const ledger = ledgers[0]!;
    const tenantId = 'terminated';
    const results: Array<RiskEventAck | MaestroError> = [];
    const writing = (async () => {
      for (let burst = 0; burst < 30; burst++) {
        const settled = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => ledger.logRiskEvent(sampleEvent(tenantId, burst * 10 + i))),
        );
        for (const s of settled)
          results.push(s.status === 'fulfilled' ? s.value : (s.reason as MaestroError));
      }
    })();
    for (let kill = 0; kill < 5; kill++) {
      await sleep(15);
      await db.sql.transaction({}, (tx) =>
        tx.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'maestro-writer-0' AND datname = current_database()",
        ),
      );
    }
    await writing;
    const acks = results.filter((r): r is RiskEventAck => 'seq' in r);
    const failures = results.filter((r): r is MaestroError => !('seq' in r));
    for (const failure of failures) expect(failure.code).toBe('ERR_LEDGER_UNAVAILABLE');
    expect(acks.length).toBeGreaterThan(0);
    // Writes work again once the pool has reconnected.
    acks.push(await ledger.logRiskEvent(sampleEvent(tenantId)));
    await ledger.flush();
    const stored = await storedSeqs(ledger, tenantId);
    expect(stored.map((r) => r.seq)).toEqual(stored.map((_, i) => i));
    const storedIds = new Set(stored.map((r) => r.id));
    for (const ack of acks) expect(storedIds.has(ack.id)).toBe(true);
    expect((await ledger.verify(tenantId)).ok).toBe(true);
  });
});

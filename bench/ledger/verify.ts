import { formatInteger } from '../lib/format.js';
import { currentLoadAverage } from '../lib/machine.js';
import type { Section } from '../lib/report.js';
import { median } from '../lib/stats.js';
import { DATASET_TENANT, type Dataset } from './dataset.js';
import type { BenchEngine } from './engines.js';
import { benchLedger } from './ledgers.js';
import { measureRun, type RunCost } from './runStats.js';
import type { LedgerSettings } from './settings.js';
import { micros, perEvent, rate, type StoreRow } from './units.js';

export interface VerifyResult {
  readonly events: number;
  readonly heads: number;
  readonly runs: readonly RunCost[];
  readonly eventsPerSecond: number;
  readonly clientMicrosPerEvent: number;
  readonly serverMicrosPerEvent: number;
  /** Every run found the log intact (a benchmark that verifies a broken log measures nothing). */
  readonly ok: boolean;
  readonly load: number;
}

/** `ledger.verify(tenant)` on the data set: reads every event and head, recomputes everything. */
export async function measureVerify(
  engine: BenchEngine,
  data: Dataset,
  settings: LedgerSettings,
  log: (message: string) => void,
): Promise<VerifyResult> {
  const ledger = benchLedger(engine);
  try {
    const runs: RunCost[] = [];
    let ok = true;
    let events = 0;
    let heads = 0;
    for (let r = 0; r < settings.verifyRuns; r++) {
      runs.push(
        await measureRun(engine, async () => {
          const verification = await ledger.verify(DATASET_TENANT);
          const report = verification.tenants[0];
          ok &&= verification.ok;
          events = report?.events ?? 0;
          heads = report?.heads ?? 0;
        }),
      );
      log(
        `  verify run ${r + 1}/${settings.verifyRuns}: ${rate((events / runs[r]!.wallMs) * 1000)} events/s`,
      );
    }
    return {
      events,
      heads,
      runs,
      eventsPerSecond: median(runs.map((r) => (events / r.wallMs) * 1000)),
      clientMicrosPerEvent: median(runs.map((r) => perEvent(r.clientCpuMicros, events))),
      serverMicrosPerEvent: median(runs.map((r) => perEvent(r.serverCpuMicros, events))),
      ok: ok && events === data.events,
      load: currentLoadAverage(),
    };
  } finally {
    await ledger.close();
  }
}

export function verifySection(rows: ReadonlyArray<StoreRow<VerifyResult>>): Section {
  return {
    title: 'Verify throughput',
    description:
      'ledger.verify(tenant) on the query data set: reads every event and signed head, checks each body, recomputes ' +
      'leaf hashes, the hash chain and the Merkle tree, and checks every head’s signature, root and chain hash.',
    table: {
      columns: [
        { header: 'store' },
        { header: 'events', align: 'right' },
        { header: 'heads', align: 'right' },
        { header: 'runs', align: 'right' },
        { header: 'events/s (median)', align: 'right' },
        { header: 'client CPU/event', align: 'right' },
        { header: 'server CPU/event', align: 'right' },
        { header: 'intact', align: 'right' },
        { header: 'load (1 min)', align: 'right' },
      ],
      rows: rows.map(({ label, result }) => {
        if (typeof result === 'string') return [label, result, '', '', '', '', '', '', ''];
        return [
          label,
          formatInteger(result.events),
          formatInteger(result.heads),
          formatInteger(result.runs.length),
          rate(result.eventsPerSecond),
          micros(result.clientMicrosPerEvent),
          micros(result.serverMicrosPerEvent),
          result.ok ? 'yes' : 'NO',
          result.load.toFixed(2),
        ];
      }),
    },
  };
}

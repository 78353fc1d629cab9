import { formatInteger } from '../lib/format.js';
import { currentLoadAverage } from '../lib/machine.js';
import type { Section } from '../lib/report.js';
import { median } from '../lib/stats.js';
import type { BenchEngine } from './engines.js';
import { eventSource } from './inputs.js';
import { benchLedger } from './ledgers.js';
import { logAll } from './produce.js';
import { measureRun, type RunCost } from './runStats.js';
import type { LedgerSettings } from './settings.js';
import { micros, perEvent, rate, type StoreRow } from './units.js';

const APPEND_SEED = 0x1ed9e5;

export interface AppendResult {
  readonly events: number;
  readonly tenants: number;
  readonly runs: readonly RunCost[];
  /** Median of the runs. */
  readonly eventsPerSecond: number;
  readonly clientMicrosPerEvent: number;
  readonly serverMicrosPerEvent: number;
  readonly load: number;
}

async function appendRun(
  engine: BenchEngine,
  events: number,
  tenants: number,
  run: string,
): Promise<RunCost> {
  const source = eventSource(APPEND_SEED);
  // Inputs are generated before the clock starts: only the ledger is measured.
  const inputs = Array.from({ length: events }, (_, i) => source(i, `append-${run}-t${i % tenants}`));
  const ledger = benchLedger(engine);
  try {
    return await measureRun(engine, () => logAll(ledger, events, (i) => inputs[i]!));
  } finally {
    await ledger.close();
  }
}

/**
 * Append throughput: `appendEvents` events over several tenants, logged as fast as the ledger
 * takes them, with the default writer settings (batching, hashing, head signing every 1,000
 * events per tenant); timed until every event is committed and the last heads are signed.
 */
export async function measureAppend(
  engine: BenchEngine,
  settings: LedgerSettings,
  log: (message: string) => void,
): Promise<AppendResult> {
  await appendRun(engine, settings.warmupEvents, settings.tenants, 'warmup');
  const runs: RunCost[] = [];
  for (let r = 0; r < settings.appendRuns; r++) {
    const cost = await appendRun(engine, settings.appendEvents, settings.tenants, `run${r}`);
    runs.push(cost);
    log(
      `  append run ${r + 1}/${settings.appendRuns}: ${formatInteger(Math.round((settings.appendEvents / cost.wallMs) * 1000))} events/s`,
    );
  }
  return {
    events: settings.appendEvents,
    tenants: settings.tenants,
    runs,
    eventsPerSecond: median(runs.map((r) => (settings.appendEvents / r.wallMs) * 1000)),
    clientMicrosPerEvent: median(runs.map((r) => perEvent(r.clientCpuMicros, settings.appendEvents))),
    serverMicrosPerEvent: median(runs.map((r) => perEvent(r.serverCpuMicros, settings.appendEvents))),
    load: currentLoadAverage(),
  };
}

/** `configurations`: server settings that bear on the numbers, one note each. */
export function appendSection(
  rows: ReadonlyArray<StoreRow<AppendResult>>,
  configurations: readonly string[],
): Section {
  return {
    title: 'Append throughput (hashing, chaining and signing; batched)',
    description:
      'logRiskEvent called as fast as the ledger accepts it (pausing on ready() when the bounded queue is full), ' +
      'default writer settings; timed from the first call until every event is committed and the final heads are signed.',
    table: {
      columns: [
        { header: 'store' },
        { header: 'events × runs', align: 'right' },
        { header: 'tenants', align: 'right' },
        { header: 'events/s (median)', align: 'right' },
        { header: 'min – max', align: 'right' },
        { header: 'client CPU/event', align: 'right' },
        { header: 'server CPU/event', align: 'right' },
        { header: 'load (1 min)', align: 'right' },
      ],
      rows: rows.map(({ label, result }) => {
        if (typeof result === 'string') return [label, result, '', '', '', '', '', ''];
        const rates = result.runs.map((r) => (result.events / r.wallMs) * 1000);
        return [
          label,
          `${formatInteger(result.events)} × ${result.runs.length}`,
          formatInteger(result.tenants),
          rate(result.eventsPerSecond),
          `${rate(Math.min(...rates))} – ${rate(Math.max(...rates))}`,
          micros(result.clientMicrosPerEvent),
          micros(result.serverMicrosPerEvent),
          result.load.toFixed(2),
        ];
      }),
    },
    notes: [
      'Client CPU: this Node process (user + system), which for PGlite includes the embedded database.',
      'Server CPU: the PostgreSQL backends serving the bench database, from /proc (WAL writer and checkpointer not included).',
      'Inputs are generated before the clock starts; building, validating and redacting each event is measured.',
      ...configurations,
    ],
  };
}

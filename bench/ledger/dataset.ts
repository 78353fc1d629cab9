import { formatBytes, formatInteger, formatMB } from '../lib/format.js';
import { currentLoadAverage } from '../lib/machine.js';
import type { Section } from '../lib/report.js';
import { mulberry32 } from '../lib/rng.js';
import type { BenchEngine, TableSize } from './engines.js';
import { eventSource } from './inputs.js';
import { benchLedger } from './ledgers.js';
import { logAll } from './produce.js';
import { measureRun, type RunCost } from './runStats.js';
import type { LedgerSettings } from './settings.js';
import { micros, perEvent, rate, type StoreRow } from './units.js';

/** The one tenant whose log queries and verification run on. */
export const DATASET_TENANT = 'bench-dataset';
/** The data set ends here, so query windows are the same on every run. */
export const DATASET_END = Date.UTC(2025, 5, 1);
const HOUR = 3_600_000;

export interface Dataset {
  readonly events: number;
  readonly from: number;
  readonly to: number;
  readonly load: RunCost;
  /** The whole events table, which also holds the other measurements' events. */
  readonly table: TableSize;
  readonly loadAverage: number;
}

/**
 * Event times over `days` days before DATASET_END, in log order: busier by day than by night,
 * with a few hours of injection bursts, as a gateway's ledger would see them.
 */
export function datasetTimes(events: number, days: number): (i: number) => Date {
  const hours = days * 24;
  const random = mulberry32(0xda7a);
  const weights = Array.from({ length: hours }, (_, h) => {
    const daily = 1 + 0.6 * Math.sin((2 * Math.PI * ((h % 24) - 8)) / 24);
    return random() < 0.01 ? daily * 4 : daily;
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  // Events before each hour starts.
  const before: number[] = [];
  let cumulative = 0;
  for (const w of weights) {
    before.push(Math.round(cumulative));
    cumulative += (w / sum) * events;
  }
  before.push(events);
  const start = DATASET_END - days * 24 * HOUR;
  let hour = 0;
  return (i) => {
    while (hour < hours - 1 && i >= before[hour + 1]!) hour++;
    const inHour = Math.max(1, before[hour + 1]! - before[hour]!);
    const offset = ((i - before[hour]! + random()) / inHour) * HOUR;
    return new Date(start + hour * HOUR + Math.min(offset, HOUR - 1));
  };
}

/** Loads the query data set through logRiskEvent, then updates planner statistics. */
export async function loadDataset(
  engine: BenchEngine,
  events: number,
  days: number,
  log: (message: string) => void,
): Promise<Dataset> {
  const source = eventSource(0xda7a5e7);
  const time = datasetTimes(events, days);
  const ledger = benchLedger(engine);
  let acked = 0;
  const progress = setInterval(
    () => log(`  loaded ${formatInteger(acked)} of ${formatInteger(events)} events`),
    15_000,
  );
  let load: RunCost;
  try {
    load = await measureRun(engine, () =>
      logAll(
        ledger,
        events,
        (i) => source(i, DATASET_TENANT, time(i)),
        () => acked++,
      ),
    );
  } finally {
    clearInterval(progress);
    await ledger.close();
  }
  await engine.analyze();
  const table = await engine.eventsTable();
  log(
    `  data set: ${formatInteger(events)} events in ${(load.wallMs / 1000).toFixed(1)} s, events table ${formatMB(table.bytes)}`,
  );
  return {
    events,
    from: DATASET_END - days * 24 * HOUR,
    to: DATASET_END,
    load,
    table,
    loadAverage: currentLoadAverage(),
  };
}

export function datasetSection(
  rows: ReadonlyArray<StoreRow<Dataset>>,
  settings: LedgerSettings,
  quick: boolean,
): Section {
  const notes = [
    `One tenant, ${settings.datasetDays} days of events (busier by day, a few burst hours), logged through logRiskEvent; ` +
      'events/s includes generating each input, and one tenant appends one transaction at a time.',
    'Table size: ledger_events with its indexes and TOAST after ANALYZE; it also holds the events of the append and latency runs, and per event divides by all of them.',
  ];
  for (const { label, result } of rows) {
    if (typeof result === 'string' || result.events >= 1_000_000) continue;
    const perSecond = (result.events / result.load.wallMs) * 1000;
    notes.push(
      `${label}: ${formatInteger(result.events)} events${quick ? ' (quick mode)' : ''}; at the rate measured here a million would take ` +
        `${Math.round(1_000_000 / perSecond / 60)} min to load, so the query targets (defined on 1,000,000 events) are checked on fewer.`,
    );
  }
  return {
    title: 'Query data set',
    table: {
      columns: [
        { header: 'store' },
        { header: 'events', align: 'right' },
        { header: 'load time', align: 'right' },
        { header: 'events/s', align: 'right' },
        { header: 'client CPU/event', align: 'right' },
        { header: 'server CPU/event', align: 'right' },
        { header: 'table size', align: 'right' },
        { header: 'per event', align: 'right' },
        { header: 'load (1 min)', align: 'right' },
      ],
      rows: rows.map(({ label, result }) => {
        if (typeof result === 'string') return [label, result, '', '', '', '', '', '', ''];
        return [
          label,
          formatInteger(result.events),
          `${(result.load.wallMs / 1000).toFixed(1)} s`,
          rate((result.events / result.load.wallMs) * 1000),
          micros(perEvent(result.load.clientCpuMicros, result.events)),
          micros(perEvent(result.load.serverCpuMicros, result.events)),
          `${formatMB(result.table.bytes)} (${formatInteger(result.table.rows)} events)`,
          formatBytes(Math.round(result.table.bytes / result.table.rows)),
          result.loadAverage.toFixed(2),
        ];
      }),
    },
    notes,
  };
}

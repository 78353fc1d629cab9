import type { Ledger, RiskEventQuery } from '../../src/ledger/index.js';
import { formatDuration, formatInteger } from '../lib/format.js';
import { currentLoadAverage } from '../lib/machine.js';
import type { Section } from '../lib/report.js';
import { mulberry32 } from '../lib/rng.js';
import { sampleAsync } from '../lib/sampler.js';
import { type Summary, summarize } from '../lib/stats.js';
import { DATASET_TENANT, type Dataset } from './dataset.js';
import type { BenchEngine } from './engines.js';
import { benchLedger } from './ledgers.js';
import type { LedgerSettings } from './settings.js';
import type { StoreRow } from './units.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PAGE = 50;
const CURSORS = 40;

export type QueryCaseId =
  | 'page-1h'
  | 'page-1d'
  | 'page-all'
  | 'page-1d-injection'
  | 'page-1d-block'
  | 'page-1d-rare'
  | 'page-1d-next'
  | 'stats-1d'
  | 'stats-7d';

export interface QueryRow {
  readonly id: QueryCaseId;
  readonly label: string;
  readonly summary: Summary;
  /** Mean events per page, or buckets per stats answer. */
  readonly returned: number;
  readonly load: number;
}

export interface QueryResult {
  readonly events: number;
  readonly rows: readonly QueryRow[];
}

interface QueryCase {
  readonly id: QueryCaseId;
  readonly label: string;
  /** One call; resolves to what it returned (events on the page, or buckets). */
  readonly call: () => Promise<number>;
}

/** Where a first page left off: its window and cursor. */
interface Continuation {
  readonly from: Date;
  readonly to: Date;
  readonly cursor: string;
}

function cases(ledger: Ledger, data: Dataset, continuations: readonly Continuation[]): QueryCase[] {
  const random = mulberry32(0x9e7);
  // A window of `width` ms at a random place inside the data set.
  const window = (width: number) => {
    const from = data.from + Math.floor(random() * (data.to - data.from - width));
    return { from: new Date(from), to: new Date(from + width) };
  };
  const day = () => {
    const from = data.from + Math.floor(random() * ((data.to - data.from) / DAY)) * DAY;
    return { from: new Date(from), to: new Date(from + DAY) };
  };
  const page = async (query: Omit<RiskEventQuery, 'tenantId' | 'limit'>) =>
    (await ledger.queryRiskEvents({ tenantId: DATASET_TENANT, limit: PAGE, ...query })).events.length;
  let next = 0;
  return [
    { id: 'page-1h', label: 'page of 50, 1 h window', call: () => page(window(HOUR)) },
    { id: 'page-1d', label: 'page of 50, 1 day window', call: () => page(window(DAY)) },
    {
      id: 'page-all',
      label: 'page of 50, the whole data set',
      call: () => page({ from: new Date(data.from), to: new Date(data.to) }),
    },
    {
      id: 'page-1d-injection',
      label: 'page of 50, 1 day, types: injection',
      call: () => page({ ...window(DAY), types: ['injection'] }),
    },
    {
      id: 'page-1d-block',
      label: 'page of 50, 1 day, lanes: block',
      call: () => page({ ...window(DAY), lanes: ['block'] }),
    },
    {
      id: 'page-1d-rare',
      label: 'page of 50, 1 day, types: kill_switch (0.5 %)',
      call: () => page({ ...window(DAY), types: ['kill_switch'] }),
    },
    {
      id: 'page-1d-next',
      label: 'next page (cursor), 1 day window',
      call: () => page(continuations[next++ % continuations.length]!),
    },
    {
      id: 'stats-1d',
      label: 'stats, 1 day, 1 h buckets',
      call: async () =>
        (await ledger.getRiskStats({ tenantId: DATASET_TENANT, ...day(), bucket: '1h' })).buckets.length,
    },
    {
      id: 'stats-7d',
      label: 'stats, 7 days, 1 h buckets',
      call: async () =>
        (await ledger.getRiskStats({ tenantId: DATASET_TENANT, ...window(7 * DAY), bucket: '1h' })).buckets
          .length,
    },
  ];
}

/** First pages of random 1-day windows (not timed), for the next-page case to continue. */
async function firstPages(ledger: Ledger, data: Dataset): Promise<Continuation[]> {
  const random = mulberry32(0xc0);
  const continuations: Continuation[] = [];
  for (let i = 0; i < CURSORS * 4 && continuations.length < CURSORS; i++) {
    const from = new Date(data.from + Math.floor(random() * (data.to - data.from - DAY)));
    const to = new Date(from.getTime() + DAY);
    const first = await ledger.queryRiskEvents({ tenantId: DATASET_TENANT, from, to, limit: PAGE });
    if (first.nextCursor !== null) continuations.push({ from, to, cursor: first.nextCursor });
  }
  return continuations;
}

/** p50/p99 of each query shape on the data set, through the public ledger API. */
export async function measureQueries(
  engine: BenchEngine,
  data: Dataset,
  settings: LedgerSettings,
  log: (message: string) => void,
): Promise<QueryResult> {
  const ledger = benchLedger(engine);
  try {
    const continuations = await firstPages(ledger, data);
    const rows: QueryRow[] = [];
    for (const c of cases(ledger, data, continuations)) {
      if (c.id === 'page-1d-next' && continuations.length === 0) continue;
      let returned = 0;
      let calls = 0;
      const samples = await sampleAsync(async () => {
        returned += await c.call();
        calls++;
      }, settings.querySampler);
      const summary = summarize(samples);
      rows.push({
        id: c.id,
        label: c.label,
        summary,
        returned: returned / calls,
        load: currentLoadAverage(),
      });
      log(`  ${c.label}: p50 ${formatDuration(summary.p50)}`);
    }
    return { events: data.events, rows };
  } finally {
    await ledger.close();
  }
}

export function queriesSection(
  results: ReadonlyArray<StoreRow<QueryResult>>,
  settings: LedgerSettings,
): Section {
  const rows: string[][] = [];
  for (const { label, result } of results) {
    if (typeof result === 'string') {
      rows.push([label, result, '', '', '', '', '', '']);
      continue;
    }
    for (const row of result.rows) {
      rows.push([
        label,
        formatInteger(result.events),
        row.label,
        formatInteger(row.summary.n),
        formatDuration(row.summary.p50),
        formatDuration(row.summary.p99),
        row.returned.toFixed(row.returned < 100 ? 1 : 0),
        row.load.toFixed(2),
      ]);
    }
  }
  return {
    title: 'Queries on one tenant’s log',
    description:
      `queryRiskEvents and getRiskStats through the ledger (one read-only transaction each, tenant set for row-level ` +
      `security), on one tenant whose events span ${settings.datasetDays} days; each call picks a new random window.`,
    table: {
      columns: [
        { header: 'store' },
        { header: 'events', align: 'right' },
        { header: 'query' },
        { header: 'n', align: 'right' },
        { header: 'p50', align: 'right' },
        { header: 'p99', align: 'right' },
        { header: 'returned', align: 'right' },
        { header: 'load (1 min)', align: 'right' },
      ],
      rows,
    },
    notes: [
      'returned: mean events per page, or buckets per stats answer.',
      'The data set is loaded through logRiskEvent, then ANALYZE runs (autovacuum would do it on a server; PGlite has none).',
      'Events are newest first; a page also parses and checks each event body it returns.',
    ],
  };
}

import { availableParallelism } from 'node:os';
import { formatDuration, formatInteger } from '../lib/format.js';
import type { Section } from '../lib/report.js';
import { atLeast, atMost } from '../lib/verdict.js';
import type { AppendResult } from './append.js';
import type { EngineId } from './engines.js';
import type { LatencyResult } from './latency.js';
import type { QueryCaseId, QueryResult } from './queries.js';
import { rate } from './units.js';
import type { VerifyResult } from './verify.js';

/** The ledger targets of issue 4, §5. */
export const TARGETS = {
  appendEmbedded: 20_000,
  appendPostgres: 30_000,
  verify: 200_000,
  pageP50Ns: 20_000_000,
  statsDayP50Ns: 200_000_000,
  queryEvents: 1_000_000,
} as const;

/** The plain tenant/time-window pages the page target covers; the slowest one counts. */
const PAGE_CASES: readonly QueryCaseId[] = ['page-1h', 'page-1d', 'page-all'];

export interface EngineResults {
  readonly id: EngineId;
  readonly label: string;
  readonly append: AppendResult | string;
  readonly latency: LatencyResult | string;
  readonly queries: QueryResult | string;
  readonly verify: VerifyResult | string;
}

const measured = <T>(value: T | string): T | undefined => (typeof value === 'string' ? undefined : value);

const perSecond = (value: number): string => (Number.isFinite(value) ? `${rate(value)} events/s` : '–');

function slowestPage(queries: QueryResult | undefined): number {
  const rows = queries?.rows.filter((row) => PAGE_CASES.includes(row.id)) ?? [];
  return rows.length === 0 ? Number.NaN : Math.max(...rows.map((row) => row.summary.p50));
}

function onEvents(queries: QueryResult | undefined): string {
  if (queries === undefined) return '';
  return queries.events >= TARGETS.queryEvents
    ? ` (${formatInteger(queries.events)} events)`
    : ` (${formatInteger(queries.events)} events, not the 1,000,000 of the target)`;
}

const appendGoal = (id: EngineId): number =>
  id === 'postgres' ? TARGETS.appendPostgres : TARGETS.appendEmbedded;

/**
 * What a throughput goal costs in CPU at the CPU per event measured (client and server): more
 * cores than the machine has means batching alone cannot reach it here.
 */
function cpuBudget(
  what: string,
  label: string,
  goal: number,
  cost: AppendResult | VerifyResult | undefined,
): string[] {
  if (cost === undefined) return [];
  const server = Number.isFinite(cost.serverMicrosPerEvent) ? cost.serverMicrosPerEvent : 0;
  const perEvent = cost.clientMicrosPerEvent + server;
  return [
    `${what}, ${label}: ${perEvent.toFixed(1)} µs of CPU per event${server > 0 ? ' (client + server)' : ''}, so ` +
      `${rate(goal)} events/s takes ${((goal * perEvent) / 1e6).toFixed(1)} cores (this machine has ${availableParallelism()}).`,
  ];
}

export function ledgerTargetsSection(engines: readonly EngineResults[]): Section {
  const rows: string[][] = [];
  for (const e of engines) {
    const goal = appendGoal(e.id);
    const value = measured(e.append)?.eventsPerSecond ?? Number.NaN;
    rows.push([
      `append throughput, ${e.label}`,
      `≥ ${rate(goal)} events/s`,
      perSecond(value),
      atLeast(value, goal),
    ]);
  }
  for (const e of engines) {
    const p99 = measured(e.latency)?.ack.p99 ?? Number.NaN;
    rows.push([
      `logRiskEvent ack p99 at 1,000 events/s, ${e.label}`,
      'reported (no target)',
      formatDuration(p99),
      '–',
    ]);
  }
  for (const e of engines) {
    const value = measured(e.verify)?.eventsPerSecond ?? Number.NaN;
    rows.push([
      `verify, ${e.label}`,
      `≥ ${rate(TARGETS.verify)} events/s`,
      perSecond(value),
      atLeast(value, TARGETS.verify),
    ]);
  }
  for (const e of engines) {
    const queries = measured(e.queries);
    const page = slowestPage(queries);
    rows.push([
      `query page p50, slowest time window${onEvents(queries)}, ${e.label}`,
      `≤ ${formatDuration(TARGETS.pageP50Ns)}`,
      formatDuration(page),
      atMost(page, TARGETS.pageP50Ns),
    ]);
    const stats = queries?.rows.find((row) => row.id === 'stats-1d')?.summary.p50 ?? Number.NaN;
    rows.push([
      `stats for one day p50${onEvents(queries)}, ${e.label}`,
      `≤ ${formatDuration(TARGETS.statsDayP50Ns)}`,
      formatDuration(stats),
      atMost(stats, TARGETS.statsDayP50Ns),
    ]);
  }
  return {
    title: 'Targets',
    table: {
      columns: [{ header: 'target' }, { header: 'goal' }, { header: 'measured' }, { header: 'verdict' }],
      rows,
    },
    notes: [
      'Throughputs are medians of the runs; latencies are p50/p99 of every call. See the load column of each table.',
      ...engines.flatMap((e) => cpuBudget('append', e.label, appendGoal(e.id), measured(e.append))),
      ...engines.flatMap((e) => cpuBudget('verify', e.label, TARGETS.verify, measured(e.verify))),
      'PGlite runs in the writer’s own thread, so for it one core is the limit whatever the machine has.',
      'The page target takes the slowest p50 of the 1 h, 1 day and whole-data-set windows.',
      'n/a = could not be measured in this run.',
    ],
  };
}

import { z } from 'zod';
import type { LANES } from '../../core/index.js';
import { invalidOptionsFromZod } from '../../errors/index.js';
import { EVENT_LIMITS, identifierSchema, type RISK_EVENT_TYPES } from '../eventSchema.js';
import { rowNumber, rowString } from '../store/rows.js';
import type { SqlExecutor } from '../store/sqlClient.js';
import { findSpikes } from './spikes.js';
import { timeInput } from './timeInput.js';

/** Bucket widths `getRiskStats` accepts, in milliseconds. */
export const STAT_BUCKETS = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '6h': 21_600_000,
  '1d': 86_400_000,
} as const;
export type StatBucket = keyof typeof STAT_BUCKETS;

/** More buckets than this in one call is refused (ask for a wider bucket). */
export const MAX_BUCKETS = 10_000;
export const TOP_DETECTORS = 10;

export const riskStatsQuerySchema = z
  .strictObject({
    tenantId: identifierSchema(EVENT_LIMITS.tenantId),
    from: timeInput,
    to: timeInput,
    bucket: z.enum(Object.keys(STAT_BUCKETS) as [StatBucket, ...StatBucket[]]).default('1h'),
  })
  .refine((q) => q.from.getTime() < q.to.getTime(), { message: 'from must be before to', path: ['from'] })
  .refine((q) => (q.to.getTime() - q.from.getTime()) / STAT_BUCKETS[q.bucket] <= MAX_BUCKETS, {
    message: `more than ${MAX_BUCKETS} buckets; choose a wider bucket`,
    path: ['bucket'],
  });

export type RiskStatsQuery = z.input<typeof riskStatsQuerySchema>;
type ParsedStatsQuery = z.output<typeof riskStatsQuerySchema>;

export interface StatsBucket {
  /** Start of the bucket (ISO-8601); buckets are aligned to `from`. */
  readonly start: string;
  readonly total: number;
  readonly byType: Readonly<Partial<Record<(typeof RISK_EVENT_TYPES)[number], number>>>;
  readonly byLane: Readonly<Partial<Record<(typeof LANES)[number] | 'none', number>>>;
  /** Injection attempts far above the trailing baseline (see `findSpikes`). */
  readonly spike: boolean;
}

export interface RiskStats {
  readonly tenantId: string;
  readonly from: string;
  readonly to: string;
  readonly bucket: StatBucket;
  readonly total: number;
  readonly buckets: readonly StatsBucket[];
  readonly topDetectors: ReadonlyArray<{ readonly detector: string; readonly count: number }>;
  readonly spikes: ReadonlyArray<{
    readonly start: string;
    readonly count: number;
    readonly baseline: number;
  }>;
}

export function parseRiskStatsQuery(query: unknown): ParsedStatsQuery {
  const parsed = riskStatsQuerySchema.safeParse(query);
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  return parsed.data;
}

const COUNTS_SQL = `SELECT floor(extract(epoch FROM time - $2::timestamptz) * 1000 / $4::bigint)::bigint AS bucket,
       type, lane, count(*)::bigint AS n
  FROM ledger_events
 WHERE tenant_id = $1 AND time >= $2::timestamptz AND time < $3::timestamptz
 GROUP BY 1, 2, 3`;

const DETECTORS_SQL = `SELECT detector, count(*)::bigint AS n
  FROM ledger_events
 WHERE tenant_id = $1 AND time >= $2::timestamptz AND time < $3::timestamptz
 GROUP BY detector ORDER BY n DESC, detector LIMIT ${TOP_DETECTORS}`;

/**
 * Counts by type and lane per bucket, the busiest detectors, and injection spikes, for one tenant
 * and window, in a transaction the caller opened for that tenant. Two grouped index range scans;
 * empty buckets are filled in so the series has no gaps.
 */
export async function riskStats(tx: SqlExecutor, q: ParsedStatsQuery): Promise<RiskStats> {
  const width = STAT_BUCKETS[q.bucket];
  const from = q.from.toISOString();
  const to = q.to.toISOString();
  const count = Math.ceil((q.to.getTime() - q.from.getTime()) / width);
  const totals = new Array<number>(count).fill(0);
  const injections = new Array<number>(count).fill(0);
  const byType = Array.from({ length: count }, () => ({}) as Record<string, number>);
  const byLane = Array.from({ length: count }, () => ({}) as Record<string, number>);
  const rows = await tx.query(COUNTS_SQL, [q.tenantId, from, to, width]);
  let total = 0;
  for (const row of rows) {
    const b = rowNumber(row['bucket']);
    if (b < 0 || b >= count) continue;
    const n = rowNumber(row['n']);
    const type = rowString(row['type']);
    const lane = rowString(row['lane']);
    totals[b]! += n;
    total += n;
    byType[b]![type] = (byType[b]![type] ?? 0) + n;
    byLane[b]![lane] = (byLane[b]![lane] ?? 0) + n;
    if (type === 'injection') injections[b]! += n;
  }
  const detectors = await tx.query(DETECTORS_SQL, [q.tenantId, from, to]);
  const spikes = findSpikes(injections);
  const spikeAt = new Set(spikes.map((s) => s.index));
  const startOf = (b: number) => new Date(q.from.getTime() + b * width).toISOString();
  return {
    tenantId: q.tenantId,
    from,
    to,
    bucket: q.bucket,
    total,
    buckets: totals.map((t, b) => ({
      start: startOf(b),
      total: t,
      byType: byType[b]!,
      byLane: byLane[b]!,
      spike: spikeAt.has(b),
    })),
    topDetectors: detectors.map((row) => ({
      detector: rowString(row['detector']),
      count: rowNumber(row['n']),
    })),
    spikes: spikes.map((s) => ({ start: startOf(s.index), count: s.count, baseline: s.baseline })),
  };
}

import { type LatencyStats, latencyStats } from '../lib/latency.js';
import { type Metrics, summarize } from '../lib/metrics.js';
import type { Detector, RowOutcome } from './detector.js';
import type { InjectionRow } from './rows.js';

/** One detector's outcomes on a set of rows, with its latency. */
export interface DetectorRun {
  readonly detector: Detector;
  readonly outcomes: readonly RowOutcome[];
  readonly latency: LatencyStats;
}

export function toRun(detector: Detector, outcomes: readonly RowOutcome[]): DetectorRun {
  return { detector, outcomes, latency: latencyStats(outcomes.map((o) => o.ms)) };
}

/** Metrics over the rows that satisfy `where` (all rows when omitted). */
export function metricsOf(run: DetectorRun, where?: (row: InjectionRow) => boolean): Metrics {
  return summarize(where ? run.outcomes.filter((o) => where(o.row)) : run.outcomes);
}

/** The same run restricted to a subset of rows (for comparisons on a sample). */
export function restrict(run: DetectorRun, ids: ReadonlySet<string>): DetectorRun {
  return toRun(
    run.detector,
    run.outcomes.filter((o) => ids.has(o.row.id)),
  );
}

/** Summary statistics of raw per-call timings. All durations are in nanoseconds. */
export interface Summary {
  readonly n: number;
  readonly min: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  /** Sum of all samples: the time the measured calls took together. */
  readonly total: number;
}

/**
 * The p-quantile (0 < p ≤ 1) of ascending samples by the nearest-rank method: the smallest
 * sample such that at least p of all samples are at or below it. No interpolation, so every
 * reported value is a timing that really happened.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(p * sorted.length);
  const index = Math.min(sorted.length - 1, Math.max(0, rank - 1));
  return sorted[index] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  let total = 0;
  for (const s of sorted) total += s;
  const n = sorted.length;
  return {
    n,
    min: sorted[0] ?? Number.NaN,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[n - 1] ?? Number.NaN,
    mean: n === 0 ? Number.NaN : total / n,
    total,
  };
}

/** Median of a few numbers (e.g. repeated child-process runs). */
export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

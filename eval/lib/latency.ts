/** Summary of per-item latencies in milliseconds. */
export interface LatencyStats {
  readonly n: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
}

/** The q-quantile (0..1) of sorted values, by linear interpolation between closest ranks. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const weight = position - lower;
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight;
}

export function latencyStats(milliseconds: readonly number[]): LatencyStats {
  const sorted = [...milliseconds].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    n: sorted.length,
    mean: sorted.length === 0 ? Number.NaN : total / sorted.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
  };
}

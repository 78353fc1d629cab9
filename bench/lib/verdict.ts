/** PASS/MISS against a target. Benchmarks report misses; they never fail the run. */
export type Verdict = 'PASS' | 'MISS' | 'n/a';

export function atMost(value: number, limit: number): Verdict {
  if (!Number.isFinite(value)) return 'n/a';
  return value <= limit ? 'PASS' : 'MISS';
}

export function atLeast(value: number, limit: number): Verdict {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= limit ? 'PASS' : 'MISS';
}

/**
 * Spike detection over a count series ("alert on spikes in injection attempts"): a bucket is a
 * spike when it is far above the trailing baseline of the buckets before it. Counts are treated as
 * Poisson-like, so the spread never falls below √mean, and a flat zero history does not make one
 * stray event a spike.
 */
export interface SpikeOptions {
  /** Buckets of history the baseline is taken over. */
  readonly window: number;
  /** Buckets of history needed before any bucket can be judged. */
  readonly minHistory: number;
  /** How many spreads above the baseline mean a spike starts. */
  readonly sigmas: number;
  /** A spike needs at least this many events in its bucket. */
  readonly minCount: number;
}

export const DEFAULT_SPIKE_OPTIONS: SpikeOptions = { window: 12, minHistory: 6, sigmas: 3, minCount: 5 };

export interface Spike {
  /** Index of the bucket in the series. */
  readonly index: number;
  readonly count: number;
  /** Mean of the trailing window. */
  readonly baseline: number;
  /** The count in spreads above the baseline. */
  readonly score: number;
}

/** Linear in the series length: the window's sum and sum of squares slide along with it. */
export function findSpikes(
  counts: readonly number[],
  options: SpikeOptions = DEFAULT_SPIKE_OPTIONS,
): Spike[] {
  const spikes: Spike[] = [];
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < counts.length; i++) {
    const history = Math.min(i, options.window);
    const count = counts[i]!;
    if (history >= options.minHistory) {
      const mean = sum / history;
      const variance = Math.max(0, sumSq / history - mean * mean);
      const spread = Math.max(Math.sqrt(variance), Math.sqrt(mean), 1);
      const score = (count - mean) / spread;
      if (count >= options.minCount && score >= options.sigmas)
        spikes.push({ index: i, count, baseline: mean, score });
    }
    sum += count;
    sumSq += count * count;
    if (i >= options.window) {
      const old = counts[i - options.window]!;
      sum -= old;
      sumSq -= old * old;
    }
  }
  return spikes;
}

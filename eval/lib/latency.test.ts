import { describe, expect, it } from 'vitest';
import { latencyStats, quantile } from './latency.js';

describe('latency', () => {
  it('interpolates quantiles and averages', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([5], 0.95)).toBe(5);
    const stats = latencyStats([4, 1, 3, 2]);
    expect(stats).toMatchObject({ n: 4, mean: 2.5, p50: 2.5 });
    expect(stats.p95).toBeCloseTo(3.85, 12);
  });

  it('returns NaN for no samples', () => {
    expect(Number.isNaN(latencyStats([]).mean)).toBe(true);
  });
});

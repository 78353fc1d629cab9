import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPIKE_OPTIONS, findSpikes } from './spikes.js';

/** The same rule computed the slow way, window by window. */
function naive(counts: readonly number[]): number[] {
  const o = DEFAULT_SPIKE_OPTIONS;
  const out: number[] = [];
  counts.forEach((count, i) => {
    const history = counts.slice(Math.max(0, i - o.window), i);
    if (history.length < o.minHistory) return;
    const mean = history.reduce((a, b) => a + b, 0) / history.length;
    const variance = Math.max(0, history.reduce((a, b) => a + b * b, 0) / history.length - mean * mean);
    const spread = Math.max(Math.sqrt(variance), Math.sqrt(mean), 1);
    if (count >= o.minCount && (count - mean) / spread >= o.sigmas) out.push(i);
  });
  return out;
}

describe('findSpikes', () => {
  it('flags a burst of injection attempts over a steady baseline', () => {
    const counts = [2, 3, 2, 1, 3, 2, 2, 3, 40, 3, 2];
    const spikes = findSpikes(counts);
    expect(spikes.map((s) => s.index)).toEqual([8]);
    expect(spikes[0]!.baseline).toBeCloseTo(2.25, 5);
  });

  it('does not flag one stray event after silence, nor anything without enough history', () => {
    expect(findSpikes([0, 0, 0, 0, 0, 0, 0, 1])).toEqual([]);
    expect(findSpikes([0, 0, 50])).toEqual([]);
    expect(findSpikes([])).toEqual([]);
  });

  it('a steady high rate is the baseline, not a spike', () => {
    expect(findSpikes(new Array(30).fill(100))).toEqual([]);
  });

  it('agrees with the window-by-window computation (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 60 }), { maxLength: 80 }), (counts) => {
        expect(findSpikes(counts).map((s) => s.index)).toEqual(naive(counts));
      }),
      { numRuns: 500 },
    );
  });
});

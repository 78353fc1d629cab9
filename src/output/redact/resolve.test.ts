import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from './resolve.js';

describe('resolveOverlaps', () => {
  it('prefers confidence, then length, then the earlier start', () => {
    const a = { start: 0, end: 5, confidence: 0.5 };
    const b = { start: 3, end: 6, confidence: 0.9 };
    const c = { start: 6, end: 9, confidence: 0.1 };
    expect(resolveOverlaps([a, b, c])).toEqual([b, c]);
    const long = { start: 0, end: 10, confidence: 0.5 };
    const short = { start: 2, end: 4, confidence: 0.5 };
    expect(resolveOverlaps([short, long])).toEqual([long]);
    const first = { start: 0, end: 4, confidence: 0.5 };
    const second = { start: 2, end: 6, confidence: 0.5 };
    expect(resolveOverlaps([second, first])).toEqual([first]);
  });

  it('drops empty ranges and keeps touching ones', () => {
    expect(resolveOverlaps([{ start: 3, end: 3, confidence: 1 }])).toEqual([]);
    const left = { start: 0, end: 3, confidence: 1 };
    const right = { start: 3, end: 6, confidence: 1 };
    expect(resolveOverlaps([right, left])).toEqual([left, right]);
  });

  it('always returns a sorted, non-overlapping subset', () => {
    const range = fc
      .tuple(fc.nat(200), fc.nat(30), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([start, length, confidence]) => ({ start, end: start + length, confidence }));
    fc.assert(
      fc.property(fc.array(range, { maxLength: 60 }), (ranges) => {
        const kept = resolveOverlaps(ranges);
        for (let i = 1; i < kept.length; i++) expect(kept[i]!.start).toBeGreaterThanOrEqual(kept[i - 1]!.end);
        for (const k of kept) expect(ranges).toContain(k);
        // Every dropped non-empty range overlaps a kept one.
        for (const r of ranges) {
          if (r.end <= r.start || kept.includes(r)) continue;
          expect(kept.some((k) => k.start < r.end && r.start < k.end)).toBe(true);
        }
      }),
    );
  });
});

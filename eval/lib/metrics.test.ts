import { describe, expect, it } from 'vitest';
import {
  confusion,
  f1,
  falsePositiveRate,
  type Label,
  type Outcome,
  precision,
  recall,
  rocAuc,
  summarize,
} from './metrics.js';

function outcomes(tp: number, fp: number, tn: number, fn: number): Outcome[] {
  const make = (count: number, label: Label, predicted: boolean): Outcome[] =>
    Array.from({ length: count }, () => ({ label, predicted }));
  return [...make(tp, 1, true), ...make(fp, 0, true), ...make(tn, 0, false), ...make(fn, 1, false)];
}

describe('confusion and ratio metrics', () => {
  it('counts a known confusion matrix', () => {
    const c = confusion(outcomes(8, 2, 85, 5));
    expect(c).toEqual({ tp: 8, fp: 2, tn: 85, fn: 5 });
    expect(precision(c)).toBeCloseTo(0.8, 12);
    expect(recall(c)).toBeCloseTo(8 / 13, 12);
    expect(f1(c)).toBeCloseTo(16 / 23, 12);
    expect(falsePositiveRate(c)).toBeCloseTo(2 / 87, 12);
  });

  it('gives 1 for a perfect detector and 0 for one that is always wrong', () => {
    const perfect = confusion(outcomes(10, 0, 10, 0));
    expect([precision(perfect), recall(perfect), f1(perfect), falsePositiveRate(perfect)]).toEqual([
      1, 1, 1, 0,
    ]);
    const wrong = confusion(outcomes(0, 10, 0, 10));
    expect([precision(wrong), recall(wrong), f1(wrong), falsePositiveRate(wrong)]).toEqual([0, 0, 0, 1]);
  });

  it('leaves metrics undefined when their denominator is zero', () => {
    const onlyBenign = confusion(outcomes(0, 0, 5, 0));
    expect(precision(onlyBenign)).toBeUndefined();
    expect(recall(onlyBenign)).toBeUndefined();
    expect(f1(onlyBenign)).toBeUndefined();
    expect(falsePositiveRate(onlyBenign)).toBe(0);
    const onlyAttacks = confusion(outcomes(3, 0, 0, 1));
    expect(falsePositiveRate(onlyAttacks)).toBeUndefined();
    expect(precision(onlyAttacks)).toBe(1);
    expect(f1(onlyAttacks)).toBeCloseTo(6 / 7, 12);
  });

  it('treats F1 as the harmonic mean of precision and recall', () => {
    const c = confusion(outcomes(30, 10, 50, 20));
    const p = precision(c)!;
    const r = recall(c)!;
    expect(f1(c)).toBeCloseTo((2 * p * r) / (p + r), 12);
  });
});

describe('rocAuc', () => {
  const labels: Label[] = [0, 0, 0, 1, 1, 1];

  it('is 1 for scores that rank every positive above every negative', () => {
    expect(rocAuc(labels, [0.1, 0.2, 0.3, 0.7, 0.8, 0.9])).toBe(1);
  });

  it('is 0 for inverted scores', () => {
    expect(rocAuc(labels, [0.9, 0.8, 0.7, 0.3, 0.2, 0.1])).toBe(0);
  });

  it('is 0.5 when every score is tied', () => {
    expect(rocAuc(labels, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });

  it('counts a tie between a positive and a negative as one half', () => {
    // pairs (pos, neg): 0.5 vs 0.5 tie, everything else correctly ordered -> (8 + 0.5) / 9
    expect(rocAuc(labels, [0.1, 0.2, 0.5, 0.5, 0.8, 0.9])).toBeCloseTo(8.5 / 9, 12);
  });

  it('matches the pairwise definition on a hand-checked example', () => {
    // positive 0.4 beats 0.2 only (1 of 3); positive 0.6 beats 0.5 and 0.2 and ties 0.6 (2.5 of 3)
    expect(rocAuc([1, 0, 1, 0, 0], [0.4, 0.5, 0.6, 0.2, 0.6])).toBeCloseTo(3.5 / 6, 12);
  });

  it('is near 0.5 for random scores', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const n = 20_000;
    const randomLabels = Array.from({ length: n }, (): Label => (random() < 0.3 ? 1 : 0));
    const scores = Array.from({ length: n }, () => random());
    expect(Math.abs(rocAuc(randomLabels, scores)! - 0.5)).toBeLessThan(0.02);
  });

  it('does not depend on the order of the rows', () => {
    expect(rocAuc([1, 1, 0, 0, 1, 0], [0.9, 0.3, 0.4, 0.1, 0.4, 0.8])).toBeCloseTo(
      rocAuc([0, 0, 0, 1, 1, 1], [0.1, 0.4, 0.8, 0.3, 0.4, 0.9])!,
      12,
    );
  });

  it('is undefined when a class is missing and rejects mismatched lengths', () => {
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeUndefined();
    expect(rocAuc([0, 0], [0.2, 0.3])).toBeUndefined();
    expect(rocAuc([], [])).toBeUndefined();
    expect(() => rocAuc([0, 1], [0.5])).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('combines counts, ratios and AUC', () => {
    const m = summarize([
      { label: 1, predicted: true, score: 0.9 },
      { label: 1, predicted: false, score: 0.4 },
      { label: 0, predicted: false, score: 0.1 },
      { label: 0, predicted: true, score: 0.6 },
    ]);
    expect(m.n).toBe(4);
    expect(m.positives).toBe(2);
    expect(m.negatives).toBe(2);
    expect(m.confusion).toEqual({ tp: 1, fp: 1, tn: 1, fn: 1 });
    expect([m.precision, m.recall, m.f1, m.fpr]).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(m.auc).toBe(0.75);
  });

  it('leaves AUC undefined when any outcome has no score', () => {
    const m = summarize([
      { label: 1, predicted: true, score: 0.9 },
      { label: 0, predicted: false },
    ]);
    expect(m.auc).toBeUndefined();
  });
});

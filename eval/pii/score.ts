import type { Confusion } from '../lib/metrics.js';
import type { EvalEntity } from './mapping.js';

export interface PredictedSpan {
  readonly type: EvalEntity;
  readonly start: number;
  readonly end: number;
}

export interface Range {
  readonly start: number;
  readonly end: number;
}

/** Overlap ≥ 50 % in both directions: the shared part covers at least half of the longer span. */
export const MIN_OVERLAP = 0.5;

export function overlapRatio(a: Range, b: Range): number {
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (shared <= 0) return 0;
  return shared / Math.max(a.end - a.start, b.end - b.start);
}

/**
 * One-to-one matching of predicted to gold spans of one type in one text: pairs are taken in
 * order of decreasing overlap, each span used at most once, pairs below MIN_OVERLAP never count.
 * Returns the number of matched pairs.
 */
export function matchSpans(gold: readonly Range[], predicted: readonly Range[]): number {
  const pairs: { g: number; p: number; ratio: number }[] = [];
  for (const [g, goldSpan] of gold.entries()) {
    for (const [p, predictedSpan] of predicted.entries()) {
      const ratio = overlapRatio(goldSpan, predictedSpan);
      if (ratio >= MIN_OVERLAP) pairs.push({ g, p, ratio });
    }
  }
  pairs.sort((a, b) => b.ratio - a.ratio || a.g - b.g || a.p - b.p);
  const usedGold = new Set<number>();
  const usedPredicted = new Set<number>();
  let matched = 0;
  for (const pair of pairs) {
    if (usedGold.has(pair.g) || usedPredicted.has(pair.p)) continue;
    usedGold.add(pair.g);
    usedPredicted.add(pair.p);
    matched++;
  }
  return matched;
}

/** Span-level confusion counts for one type (tn is not defined for spans and stays 0). */
export interface SpanCounts extends Confusion {
  readonly gold: number;
  readonly predicted: number;
}

export class SpanScorer {
  private readonly counts = new Map<EvalEntity, { gold: number; predicted: number; tp: number }>();

  /** Adds one text: its gold spans and one detector's predictions, compared type by type. */
  add(
    gold: readonly { type: EvalEntity; start: number; end: number }[],
    predicted: readonly PredictedSpan[],
    types: readonly EvalEntity[],
  ): void {
    for (const type of types) {
      const g = gold.filter((span) => span.type === type);
      const p = predicted.filter((span) => span.type === type);
      const entry = this.counts.get(type) ?? { gold: 0, predicted: 0, tp: 0 };
      entry.gold += g.length;
      entry.predicted += p.length;
      entry.tp += g.length > 0 && p.length > 0 ? matchSpans(g, p) : 0;
      this.counts.set(type, entry);
    }
  }

  of(type: EvalEntity): SpanCounts {
    const entry = this.counts.get(type) ?? { gold: 0, predicted: 0, tp: 0 };
    return {
      gold: entry.gold,
      predicted: entry.predicted,
      tp: entry.tp,
      fp: entry.predicted - entry.tp,
      fn: entry.gold - entry.tp,
      tn: 0,
    };
  }
}

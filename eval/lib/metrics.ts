/** Binary-classification metrics. A metric that is undefined for the data (0/0) is `undefined`. */

export type Label = 0 | 1;

/** One scored example: the true label, the detector's decision and, if it has one, its score. */
export interface Outcome {
  readonly label: Label;
  readonly predicted: boolean;
  /** Higher means more likely positive. Missing when the detector gives no score. */
  readonly score?: number;
}

export interface Confusion {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

export interface Metrics {
  readonly n: number;
  readonly positives: number;
  readonly negatives: number;
  readonly confusion: Confusion;
  readonly precision: number | undefined;
  readonly recall: number | undefined;
  readonly f1: number | undefined;
  readonly fpr: number | undefined;
  readonly auc: number | undefined;
}

export function confusion(outcomes: readonly Outcome[]): Confusion {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (const { label, predicted } of outcomes) {
    if (label === 1) {
      if (predicted) tp++;
      else fn++;
    } else if (predicted) fp++;
    else tn++;
  }
  return { tp, fp, tn, fn };
}

function ratio(numerator: number, denominator: number): number | undefined {
  return denominator === 0 ? undefined : numerator / denominator;
}

/** TP / (TP + FP); undefined when nothing was predicted positive. */
export function precision(c: Confusion): number | undefined {
  return ratio(c.tp, c.tp + c.fp);
}

/** TP / (TP + FN); undefined when there are no positives. */
export function recall(c: Confusion): number | undefined {
  return ratio(c.tp, c.tp + c.fn);
}

/** 2TP / (2TP + FP + FN); undefined when there are no positives and nothing was predicted positive. */
export function f1(c: Confusion): number | undefined {
  return ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);
}

/** FP / (FP + TN); undefined when there are no negatives. */
export function falsePositiveRate(c: Confusion): number | undefined {
  return ratio(c.fp, c.fp + c.tn);
}

/**
 * Area under the ROC curve as the Mann-Whitney rank statistic: the probability that a random
 * positive scores higher than a random negative, ties counting one half (average ranks).
 * Undefined when either class is empty.
 */
export function rocAuc(labels: readonly Label[], scores: readonly number[]): number | undefined {
  if (labels.length !== scores.length) throw new RangeError('labels and scores differ in length');
  const order = scores.map((score, index) => ({ score, index })).sort((a, b) => a.score - b.score);
  let positives = 0;
  let positiveRankSum = 0;
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.score === order[start]!.score) end++;
    // Ranks are 1-based; a run of ties [start, end] shares the average of its ranks.
    const averageRank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) {
      if (labels[order[i]!.index] === 1) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return undefined;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** All metrics for a set of outcomes. AUC is computed only when every outcome has a score. */
export function summarize(outcomes: readonly Outcome[]): Metrics {
  const c = confusion(outcomes);
  const scores: number[] = [];
  for (const outcome of outcomes) if (outcome.score !== undefined) scores.push(outcome.score);
  const auc =
    scores.length === outcomes.length
      ? rocAuc(
          outcomes.map((o) => o.label),
          scores,
        )
      : undefined;
  return {
    n: outcomes.length,
    positives: c.tp + c.fn,
    negatives: c.fp + c.tn,
    confusion: c,
    precision: precision(c),
    recall: recall(c),
    f1: f1(c),
    fpr: falsePositiveRate(c),
    auc,
  };
}

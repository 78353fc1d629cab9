/** Binary classification metrics for the training and evaluation scripts. */

/** Area under the ROC curve (ties count one half). */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]! || a - b);
  let pos = 0;
  let neg = 0;
  let rankSumPos = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] === 1) {
        pos++;
        rankSumPos += avgRank;
      } else neg++;
    }
    i = j + 1;
  }
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export interface Confusion {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly fpr: number;
}

export function confusionAt(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
): Confusion {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const p = scores[i]! >= threshold;
    if (labels[i] === 1) {
      if (p) tp++;
      else fn++;
    } else if (p) fp++;
    else tn++;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const fpr = fp + tn > 0 ? fp / (fp + tn) : 0;
  return { tp, fp, tn, fn, precision, recall, f1, fpr };
}

/**
 * The lowest threshold whose false-positive rate is at most `maxFpr`: a score strictly above the
 * k-th highest benign score, where k = floor(maxFpr × benign count).
 */
export function thresholdForFpr(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  maxFpr: number,
): number {
  const neg: number[] = [];
  for (let i = 0; i < scores.length; i++) if (labels[i] !== 1) neg.push(scores[i]!);
  if (neg.length === 0) return 0.5;
  neg.sort((a, b) => b - a);
  const allowed = Math.floor(maxFpr * neg.length);
  if (allowed >= neg.length) return 0;
  // Scores equal to the (allowed+1)-th highest benign score must fall below the threshold.
  const cut = neg[allowed]!;
  return Math.min(1, nextUp(cut));
}

/** The smallest double greater than `x` (x finite, in [0, 1]). */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const buf = new Float64Array([x]);
  const bits = new BigInt64Array(buf.buffer);
  bits[0] = bits[0]! + 1n;
  return buf[0]!;
}

export interface GroupRow {
  readonly group: string;
  readonly label: 0 | 1;
  readonly score: number;
}

export interface GroupStat {
  readonly group: string;
  readonly n: number;
  readonly positives: number;
  readonly negatives: number;
  /** Share of attacks flagged (NaN without attacks). */
  readonly recall: number;
  /** Share of benign rows flagged (NaN without benign rows). */
  readonly fpr: number;
}

export function groupStats(rows: readonly GroupRow[], threshold: number): GroupStat[] {
  const by = new Map<string, { n: number; pos: number; neg: number; tp: number; fp: number }>();
  for (const r of rows) {
    let g = by.get(r.group);
    if (g === undefined) {
      g = { n: 0, pos: 0, neg: 0, tp: 0, fp: 0 };
      by.set(r.group, g);
    }
    g.n++;
    const flagged = r.score >= threshold;
    if (r.label === 1) {
      g.pos++;
      if (flagged) g.tp++;
    } else {
      g.neg++;
      if (flagged) g.fp++;
    }
  }
  return [...by.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([group, g]) => ({
      group,
      n: g.n,
      positives: g.pos,
      negatives: g.neg,
      recall: g.pos > 0 ? g.tp / g.pos : Number.NaN,
      fpr: g.neg > 0 ? g.fp / g.neg : Number.NaN,
    }));
}

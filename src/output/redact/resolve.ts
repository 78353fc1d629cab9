import type { OutputMatch } from '../types.js';

/** Minimal shape `resolveOverlaps` needs; `OutputMatch` and internal candidates both fit. */
export interface Ranged {
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
}

function preferred(a: Ranged, b: Ranged): number {
  if (b.confidence !== a.confidence) return b.confidence - a.confidence;
  const length = b.end - b.start - (a.end - a.start);
  if (length !== 0) return length;
  return a.start - b.start;
}

/** Index of the first accepted range whose start is >= `start` (accepted is sorted by start). */
function lowerBound(accepted: readonly Ranged[], start: number): number {
  let lo = 0;
  let hi = accepted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (accepted[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Keeps a non-overlapping subset: the most confident match wins, then the longest, then the
 * earliest. Empty or inverted ranges are dropped. The result is sorted by start. O(m log m).
 */
export function resolveOverlaps<T extends Ranged>(matches: readonly T[]): T[] {
  const order = matches.filter((m) => m.end > m.start).sort(preferred);
  const accepted: T[] = [];
  for (const match of order) {
    const at = lowerBound(accepted, match.start);
    const before = accepted[at - 1];
    const after = accepted[at];
    if (before && before.end > match.start) continue;
    if (after && after.start < match.end) continue;
    accepted.splice(at, 0, match);
  }
  return accepted;
}

/** Convenience for output matches. */
export function resolveMatches(matches: readonly OutputMatch[]): OutputMatch[] {
  return resolveOverlaps(matches);
}

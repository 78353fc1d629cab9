import { providerOf } from './providers.js';
import type { Candidate } from './types.js';

function outranks(a: Candidate, b: Candidate): boolean {
  const pa = providerOf(a.detector).priority;
  const pb = providerOf(b.detector).priority;
  if (pa !== pb) return pa > pb;
  if (a.confidence !== b.confidence) return a.confidence > b.confidence;
  return a.end - a.start > b.end - b.start;
}

/**
 * Keeps one candidate per overlapping group: the one with the highest detector priority, then the
 * highest confidence, then the longest span (a provider token inside a `token = …` assignment is
 * reported once, as the provider's). Identical spans from two detectors collapse the same way.
 * Sorting dominates: O(n log n) in the number of candidates.
 */
export function resolveOverlaps(candidates: readonly Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  const beaten: Candidate[] = [];
  for (const candidate of sorted) {
    let winner = true;
    beaten.length = 0;
    while (kept.length > 0) {
      const last = kept[kept.length - 1]!;
      if (last.end <= candidate.start) break;
      if (!outranks(candidate, last)) {
        winner = false;
        break;
      }
      beaten.push(kept.pop()!);
    }
    if (winner) kept.push(candidate);
    else while (beaten.length > 0) kept.push(beaten.pop()!);
  }
  return kept;
}

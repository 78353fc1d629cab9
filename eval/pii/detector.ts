import type { EvalEntity } from './mapping.js';
import type { PredictedSpan } from './score.js';

/** A PII detector as this evaluation sees it: text in, typed spans out. */
export interface SpanDetector {
  /** Short name used in tables. */
  readonly name: string;
  /** Package, version and configuration, for the report. */
  readonly description: string;
  /** Dataset types it can report; others are shown as "–" for it. */
  readonly supports: readonly EvalEntity[];
  detect(text: string): PredictedSpan[] | Promise<PredictedSpan[]>;
}

/** Every occurrence of `needle` in `text` (non-overlapping, left to right). */
export function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  if (needle.length === 0) return found;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) found.push(at);
  return found;
}

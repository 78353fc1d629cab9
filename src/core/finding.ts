import type { Refs } from './refs.js';
import type { Severity } from './severity.js';

/** A half-open range [start, end) of UTF-16 code units in the caller's original text. */
export interface Span {
  readonly start: number;
  readonly end: number;
  /** For chat input: which message the span is in. */
  readonly message?: number;
}

/** One thing a detector noticed. `evidence` is short and redacted; it never repeats a secret. */
export interface Finding {
  readonly detector: string;
  readonly category: string;
  readonly severity: Severity;
  readonly span?: Span;
  readonly evidence: string;
  readonly refs: Refs;
}

import type { Context, Finding, Lane, Source } from '../core/index.js';

/** A chat message as the agent SDKs pass it. Every message is scanned, not only the last. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant' | 'tool' | 'developer' | 'function';
  readonly content: string;
  readonly name?: string;
}

export type ScanInput = string | readonly ChatMessage[];

/** Score thresholds for one source: `confirm` at or above `confirm`, `block` at or above `block`. */
export interface LaneThresholds {
  readonly confirm: number;
  readonly block: number;
}

/** A learned classifier: probability in [0, 1] that a text is an injection. Must be pure. */
export interface InjectionClassifier {
  readonly id: string;
  score(text: string): number;
}

export interface ScanOptions {
  /** Where the text came from; defaults to `user`. Indirect sources are judged more strictly. */
  readonly source?: Source;
  /** Tenant, trace and principal; carried into the result for the ledger. */
  readonly context?: Partial<Context>;
  /** Hard ceiling on input size in UTF-8 bytes (default 65,536). Checked before any other work. */
  readonly maxBytes?: number;
  /** Per-source lane thresholds; missing sources use the defaults. */
  readonly thresholds?: Partial<Record<Source, LaneThresholds>>;
  /** `false` is the kill switch: detection is skipped and every result is `confirm`. */
  readonly enabled?: boolean;
  /** Replace the shipped classifier (evaluation, custom models). */
  readonly classifier?: InjectionClassifier;
}

export interface SanitizeReport {
  readonly text: string;
  /** What was removed, by kind, with counts. Never the removed text itself. */
  readonly removed: ReadonlyArray<{ readonly kind: string; readonly count: number }>;
}

export interface ScanResult {
  readonly lane: Lane;
  /** Calibrated probability in [0, 1] that the input is an injection. */
  readonly score: number;
  readonly findings: readonly Finding[];
  /** The sanitized text (string input) or sanitized messages (chat input). */
  readonly sanitized: string | readonly ChatMessage[];
  readonly source: Source;
  /** Why the lane is what it is, in one sentence. */
  readonly reason: string;
  readonly components: { readonly rules: number; readonly model: number };
}

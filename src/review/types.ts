import type { Refs } from '../core/index.js';
import type { LayerId } from '../taxonomy/ids.js';
import type { ChecklistId } from './checklist.js';

export const REVIEW_SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type ReviewSeverity = (typeof REVIEW_SEVERITIES)[number];

export type SourceLanguage = 'typescript' | 'python';

/** A rule's description: what it tests, where, how bad, and how to fix it (with examples). */
export interface RuleMeta {
  /** Stable id, e.g. `MAESTRO-L1-001`. */
  readonly id: string;
  readonly layer: LayerId;
  readonly severity: ReviewSeverity;
  readonly checklist: ChecklistId;
  /** One line: what is wrong. */
  readonly title: string;
  /** Why it matters, in a sentence or two. */
  readonly description: string;
  /** What to do instead. */
  readonly mitigation: string;
  /** The threat it belongs to in the matrix (short, e.g. `Prompt injection`). */
  readonly threat: string;
  readonly refs: Refs;
  readonly examples: {
    readonly language: SourceLanguage | 'dockerfile' | 'text';
    readonly vulnerable: string;
    readonly fixed: string;
  };
}

/** Where a finding is: a path relative to the reviewed root, 1-based line and column. */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface ReviewFinding extends Location {
  readonly ruleId: string;
  readonly layer: LayerId;
  readonly severity: ReviewSeverity;
  readonly message: string;
  /** The component it concerns (the stack or file role), for the threat matrix. */
  readonly component: string;
  /** The line of source, trimmed and cut to 200 characters (secrets redacted). */
  readonly snippet: string;
  /** Set when an inline `maestro-ignore` comment with a reason covers it. */
  readonly suppressed?: { readonly reason: string };
}

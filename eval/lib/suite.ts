import type { Table } from './table.js';

export interface SuiteFlags {
  /** Skip the leave-one-source-out retraining (slow). */
  readonly skipLoso: boolean;
  /** Skip peers or peer modes that take minutes (e.g. a heuristic that needs seconds per row). */
  readonly skipSlow: boolean;
}

export interface SuiteContext {
  readonly datasetsDir: string;
  readonly repoRoot: string;
  readonly flags: SuiteFlags;
  /** Progress for humans; goes to stderr so stdout stays the report. */
  readonly progress: (message: string) => void;
}

/** What a suite produced: a terminal rendering and its Markdown block for docs/eval.md. */
export interface SuiteReport {
  readonly tables: readonly Table[];
  readonly markdown: string;
}

export interface Suite {
  readonly name: string;
  readonly title: string;
  /** Files (relative to the datasets folder) the suite needs; missing ones skip the suite. */
  readonly requires: readonly string[];
  run(context: SuiteContext): Promise<SuiteReport>;
}

import type { FlowFacts } from './analysis/dataflow.js';
import type { FunctionUnit, SourceModel, Span } from './model/sourceModel.js';
import type { RuleMeta } from './types.js';

/** A finding before the engine adds the rule's metadata, the snippet and suppressions. */
export interface RawFinding {
  readonly file: string;
  readonly span: Span;
  readonly message: string;
}

/** What a source rule gets: the file, and each function with its data flow worked out once. */
export interface SourceContext {
  readonly model: SourceModel;
  readonly functions: ReadonlyArray<{ readonly fn: FunctionUnit; readonly flow: FlowFacts }>;
}

/** Files that are not source code but matter to the review (Dockerfiles, .gitignore, .env). */
export interface RepoFiles {
  /** Relative paths of every file walked. */
  readonly paths: readonly string[];
  read(path: string): string | undefined;
  /** Whether git would ignore the path, by the repository's .gitignore files. */
  isGitIgnored(path: string): boolean;
  readonly sources: readonly SourceModel[];
}

export interface Rule {
  readonly meta: RuleMeta;
  checkSource?(context: SourceContext): RawFinding[];
  checkRepo?(repo: RepoFiles): RawFinding[];
}

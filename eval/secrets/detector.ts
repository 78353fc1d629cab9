import type { Doc } from './corpus.js';

/** A secret detector under evaluation: which lines of a document it reports. */
export interface SecretDetector {
  /** Short name for tables. */
  readonly name: string;
  /** Package, version and configuration, for the report. */
  readonly description: string;
  /** 1-based lines on which the detector reports a secret (the line where the finding starts). */
  hitLines(doc: Doc): Promise<ReadonlySet<number>> | ReadonlySet<number>;
}

/** Splits a document into its lines, for peers that are run line by line. */
export function linesOf(doc: Doc): string[] {
  return doc.text.split('\n');
}

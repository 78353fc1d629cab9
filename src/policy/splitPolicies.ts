import { scanTo, skipTrivia } from './cedarLexer.js';

/** One policy's text in a file: from its first annotation or effect keyword to its `;`. */
export interface PolicyChunk {
  /** UTF-16 index of the chunk in the file. */
  readonly start: number;
  readonly text: string;
}

/**
 * Cuts a policy file into one chunk per policy, keeping each chunk's place in the file so that
 * Cedar's offsets can be reported as file:line. Returns `undefined` when the file does not cut
 * cleanly (an unclosed string or bracket, text after the last `;`); such a file does not parse,
 * and Cedar's parser reports why.
 */
export function splitPolicies(text: string): PolicyChunk[] | undefined {
  const chunks: PolicyChunk[] = [];
  let i = skipTrivia(text, 0);
  while (i < text.length) {
    const end = scanTo(text, i, ';');
    if (end < 0) return undefined;
    chunks.push({ start: i, text: text.slice(i, end) });
    i = skipTrivia(text, end);
  }
  return chunks;
}

import type { Comment } from './sourceModel.js';

export const SUPPRESSION_MARKER = 'maestro-ignore';

/** Lines that carry a `maestro-ignore` marker (in a line or block comment), with the text from the marker on. */
export function markerComments(lines: readonly string[]): Comment[] {
  const out: Comment[] = [];
  lines.forEach((text, index) => {
    const at = text.indexOf(SUPPRESSION_MARKER);
    if (at < 0) return;
    const before = text.slice(0, at);
    if (before.includes('//') || before.includes('#') || before.includes('/*'))
      out.push({ text: text.slice(at), line: index + 1 });
  });
  return out;
}

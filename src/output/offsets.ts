import type { Replacement } from './redact/index.js';

/**
 * Maps an offset in redacted text back to the text before redaction. A position inside a
 * replacement maps to the start of what it replaced. Replacements are in output order.
 */
export function redactedToOriginal(replacements: readonly Replacement[]): (offset: number) => number {
  if (replacements.length === 0) return (offset) => offset;
  return (offset) => {
    let lo = 0;
    let hi = replacements.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (replacements[mid]!.outputStart <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return offset;
    const r = replacements[found]!;
    if (offset < r.outputEnd) return r.start;
    return offset - r.outputEnd + r.end;
  };
}

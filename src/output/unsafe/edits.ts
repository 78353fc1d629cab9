/** Replace [start, end) of the input with `text`. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Applied {
  readonly text: string;
  /** Maps an offset in the output back to the input (a position inside a replacement maps to its start). */
  toInput(offset: number): number;
}

/**
 * Applies edits in one pass. Edits contained in an earlier one are dropped (the outer one
 * already replaced that text); an edit that partly overlaps an earlier one extends it, so
 * both replacements appear and nothing either meant to remove survives.
 */
export function applyEdits(input: string, edits: readonly Edit[]): Applied {
  if (edits.length === 0) return { text: input, toInput: (offset) => offset };
  const sorted = [...edits].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Edit[] = [];
  for (const edit of sorted) {
    const last = merged[merged.length - 1];
    if (last === undefined || edit.start >= last.end) merged.push(edit);
    else if (edit.end > last.end)
      merged[merged.length - 1] = { start: last.start, end: edit.end, text: last.text + edit.text };
  }
  const parts: string[] = [];
  // outStarts[k]: where merged[k]'s replacement begins in the output.
  const outStarts = new Array<number>(merged.length);
  let from = 0;
  let outLength = 0;
  for (let k = 0; k < merged.length; k++) {
    const edit = merged[k]!;
    parts.push(input.slice(from, edit.start));
    outLength += edit.start - from;
    outStarts[k] = outLength;
    parts.push(edit.text);
    outLength += edit.text.length;
    from = edit.end;
  }
  parts.push(input.slice(from));
  const toInput = (offset: number): number => {
    // The last edit whose replacement starts at or before `offset`.
    let lo = 0;
    let hi = merged.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (outStarts[mid]! <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return offset;
    const edit = merged[found]!;
    const afterReplacement = outStarts[found]! + edit.text.length;
    if (offset < afterReplacement) return edit.start;
    return edit.end + (offset - afterReplacement);
  };
  return { text: parts.join(''), toInput };
}

/** A span `[start, end)` of a transformed text mapped back to the input through `toInput`. */
export function mapSpan<T extends { readonly start: number; readonly end: number }>(
  item: T,
  toInput: (offset: number) => number,
): T {
  const start = toInput(item.start);
  const end = item.end > item.start ? toInput(item.end - 1) + 1 : start;
  return { ...item, start, end: Math.max(end, start) };
}

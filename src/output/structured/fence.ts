/** The JSON inside one markdown code fence, and where it starts in the original text. */
export interface Unfenced {
  readonly text: string;
  readonly offset: number;
}

function isSpace(cu: number): boolean {
  return cu === 0x20 || cu === 0x09 || cu === 0x0a || cu === 0x0d;
}

/**
 * Strips one ```` ```json ```` (or ```` ``` ````, `~~~`) fence around the whole text, the
 * common habit of models asked for JSON. Only a fence that opens the text and closes it, with
 * an empty or `json` info string, is removed; anything else is returned unchanged.
 */
export function stripJsonFence(text: string): Unfenced {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  const fenceChar = text.charCodeAt(start);
  if (fenceChar !== 0x60 && fenceChar !== 0x7e) return { text, offset: 0 };
  let open = start;
  while (open < end && text.charCodeAt(open) === fenceChar) open++;
  const fenceLength = open - start;
  if (fenceLength < 3) return { text, offset: 0 };
  const lineEnd = text.indexOf('\n', open);
  if (lineEnd < 0 || lineEnd >= end) return { text, offset: 0 };
  const info = text.slice(open, lineEnd).trim().toLowerCase();
  if (info !== '' && info !== 'json') return { text, offset: 0 };
  // The closing fence: the last line, made of the fence character only, at least as long.
  let close = end;
  while (close > lineEnd && text.charCodeAt(close - 1) === fenceChar) close--;
  if (end - close < fenceLength) return { text, offset: 0 };
  let lineStart = close;
  while (
    lineStart > lineEnd &&
    (text.charCodeAt(lineStart - 1) === 0x20 || text.charCodeAt(lineStart - 1) === 0x09)
  )
    lineStart--;
  if (lineStart <= lineEnd || text.charCodeAt(lineStart - 1) !== 0x0a) return { text, offset: 0 };
  return { text: text.slice(lineEnd + 1, lineStart - 1), offset: lineEnd + 1 };
}

/*
 * Text that is safe to store and show: no character that can break a log line, move the cursor,
 * reorder what a reader sees, or make a JSON/SQL layer choke. Such characters are not dropped but
 * written as visible escapes, `\u{1B}`, so an auditor still sees that they were there.
 */

const ELLIPSIS = '…';

/**
 * C0 controls (incl. CR, LF, TAB, NUL, ESC), DEL and C1 controls (incl. NEL), the Unicode line
 * and paragraph separators, and bidirectional formatting characters (embeddings, overrides,
 * isolates and the invisible marks LRM, RLM, ALM).
 */
export function isEscapedCodeUnit(c: number): boolean {
  if (c < 0x20) return true;
  if (c < 0x7f) return false;
  if (c <= 0x9f) return true;
  if (c < 0x061c) return false;
  return (
    c === 0x061c ||
    c === 0x200e ||
    c === 0x200f ||
    c === 0x2028 ||
    c === 0x2029 ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069)
  );
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

function escapeUnit(c: number): string {
  return `\\u{${c.toString(16).toUpperCase().padStart(2, '0')}}`;
}

/** True when the text is well-formed UTF-16 with no character that `boundedText` would escape. */
export function isSafeText(text: string, maxLength: number): boolean {
  if (text.length > maxLength) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) return false;
    if (c < 0x7f) continue;
    if (isEscapedCodeUnit(c)) return false;
    if (isHighSurrogate(c)) {
      if (!isLowSurrogate(text.charCodeAt(i + 1))) return false;
      i++;
    } else if (isLowSurrogate(c)) return false;
  }
  return true;
}

/**
 * Escapes the characters listed at `isEscapedCodeUnit` and lone surrogates, then cuts the result to
 * at most `maxLength` UTF-16 code units, never inside an escape or a surrogate pair, ending with
 * an ellipsis when anything was cut. Reads at most about `maxLength` characters of the input, so
 * its cost does not depend on how long the input is.
 */
export function boundedText(text: string, maxLength: number): string {
  if (text.length <= maxLength && isSafeText(text, maxLength)) return text;
  let out = '';
  // Length of the longest prefix of whole pieces that still leaves room for the ellipsis.
  let withRoom = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    let piece: string;
    if (isHighSurrogate(c) && isLowSurrogate(text.charCodeAt(i + 1))) {
      piece = text.slice(i, i + 2);
      i += 2;
    } else {
      piece = isEscapedCodeUnit(c) || isHighSurrogate(c) || isLowSurrogate(c) ? escapeUnit(c) : text[i]!;
      i += 1;
    }
    if (out.length + piece.length > maxLength) return `${out.slice(0, withRoom)}${ELLIPSIS}`;
    out += piece;
    if (out.length <= maxLength - ELLIPSIS.length) withRoom = out.length;
  }
  return out;
}

/**
 * At most `maxLength` code units of the text's start, cut back to the last whitespace so that a
 * word (a secret, say) is never split where a redactor would no longer recognise it.
 */
export function headAtWordBoundary(text: string, maxLength: number): { text: string; cut: boolean } {
  if (text.length <= maxLength) return { text, cut: false };
  let end = maxLength;
  while (end > 0 && !isWhitespace(text.charCodeAt(end))) end--;
  return { text: text.slice(0, end === 0 ? maxLength : end), cut: true };
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x2028 || c === 0x2029;
}

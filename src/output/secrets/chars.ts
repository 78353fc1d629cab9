/**
 * Character classes over UTF-16 code units, as lookup tables so every scanner is a plain loop with
 * no regular expressions. Bits of `CLASS` below; a code unit >= 128 has no class.
 */
export const DIGIT = 1;
export const UPPER = 2;
export const LOWER = 4;
/** `_` */
export const UNDERSCORE = 8;
/** `-` */
export const DASH = 16;
/** `+` and `/` (standard base64) */
export const B64_EXTRA = 32;
/** `=` */
export const EQUALS = 64;
/** `a-f`, `A-F`, `0-9` */
export const HEX = 128;
/** `.` */
export const DOT = 256;

export const ALNUM = DIGIT | UPPER | LOWER;
/** Letters and digits of base64url: `A-Za-z0-9_-`. */
export const BASE64URL = ALNUM | UNDERSCORE | DASH;
/** Standard base64 body without padding: `A-Za-z0-9+/`. */
export const BASE64 = ALNUM | B64_EXTRA;
/** Every character that occurs in base64 or base64url text, padding included. */
export const BASE64_ANY = BASE64URL | B64_EXTRA | EQUALS;
/** Identifier characters: `A-Za-z0-9_`. */
export const WORD = ALNUM | UNDERSCORE;

const CLASS = new Uint16Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT | HEX;
for (let c = 65; c <= 90; c++) CLASS[c] = UPPER | (c <= 70 ? HEX : 0);
for (let c = 97; c <= 122; c++) CLASS[c] = LOWER | (c <= 102 ? HEX : 0);
CLASS[95] = UNDERSCORE;
CLASS[45] = DASH;
CLASS[43] = B64_EXTRA;
CLASS[47] = B64_EXTRA;
CLASS[61] = EQUALS;
CLASS[46] = DOT;

/** The class bits of one code unit (0 for anything outside ASCII letters, digits and `_-+/=.`). */
export function classOf(code: number): number {
  return code < 128 ? CLASS[code]! : 0;
}

/** True when `code` has any of the bits in `mask`. */
export function isIn(code: number, mask: number): boolean {
  return code < 128 && (CLASS[code]! & mask) !== 0;
}

/** True when the code unit at `index` exists and is in `mask`; false at the text's edges. */
export function charIn(text: string, index: number, mask: number): boolean {
  return index >= 0 && index < text.length && isIn(text.charCodeAt(index), mask);
}

/**
 * The end (exclusive) of the run of `mask` characters starting at `start`, reading at most `max`
 * characters. Callers compare the run's length with their format's bounds.
 */
export function runEnd(text: string, start: number, mask: number, max: number): number {
  const limit = Math.min(text.length, start + max);
  let i = start;
  while (i < limit && isIn(text.charCodeAt(i), mask)) i++;
  return i;
}

/** True when every code unit of `text[start, end)` is in `mask`. */
export function allIn(text: string, start: number, end: number, mask: number): boolean {
  for (let i = start; i < end; i++) if (!isIn(text.charCodeAt(i), mask)) return false;
  return true;
}

/** Which of lower, upper, digit and "other" occur in `text[start, end)` (a 4-bit mask). */
export function charKinds(text: string, start: number, end: number): number {
  let kinds = 0;
  for (let i = start; i < end; i++) {
    const cls = classOf(text.charCodeAt(i));
    if (cls & LOWER) kinds |= 1;
    else if (cls & UPPER) kinds |= 2;
    else if (cls & DIGIT) kinds |= 4;
    else kinds |= 8;
  }
  return kinds;
}

/** The number of set bits of a small mask. */
export function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

/** ASCII lower-casing of one code unit. */
export function lowerCode(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** ASCII case-insensitive comparison of `text` at `index` with a lower-case `word`. */
export function matchesLower(text: string, index: number, word: string): boolean {
  if (index < 0 || index + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    if (lowerCode(text.charCodeAt(index + k)) !== word.charCodeAt(k)) return false;
  }
  return true;
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

export function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}

export function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11;
}

export function isQuote(code: number): boolean {
  return code === 34 || code === 39 || code === 96;
}

/**
 * Character tests and bounded context look-ups shared by the PII scanners. Everything here works
 * on UTF-16 code units with loops; nothing is a regular expression.
 */

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isAsciiUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

export function isAsciiLower(code: number): boolean {
  return code >= 97 && code <= 122;
}

export function isAsciiLetter(code: number): boolean {
  return isAsciiUpper(code) || isAsciiLower(code);
}

export function isAsciiAlnum(code: number): boolean {
  return isDigit(code) || isAsciiLetter(code);
}

export function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** A letter in any script (a code unit whose upper and lower case differ, or an ASCII letter). */
export function isLetter(ch: string | undefined): boolean {
  if (ch === undefined || ch.length === 0) return false;
  const code = ch.charCodeAt(0);
  if (code < 128) return isAsciiLetter(code);
  return ch.toLowerCase() !== ch.toUpperCase();
}

/** An upper-case letter in any script. */
export function isUpperLetter(ch: string | undefined): boolean {
  if (ch === undefined || ch.length === 0) return false;
  const code = ch.charCodeAt(0);
  if (code < 128) return isAsciiUpper(code);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** A lower-case letter in any script. */
export function isLowerLetter(ch: string | undefined): boolean {
  if (ch === undefined || ch.length === 0) return false;
  const code = ch.charCodeAt(0);
  if (code < 128) return isAsciiLower(code);
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/** Letter or digit at `index`; false outside the text. */
export function isWordCharAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  if (code < 128) return isAsciiAlnum(code);
  return isLetter(text[index]);
}

export function isDigitAt(text: string, index: number): boolean {
  return index >= 0 && index < text.length && isDigit(text.charCodeAt(index));
}

/** Line feed, carriage return and the Unicode line/paragraph separators. */
export function isLineBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/** Space-like characters other than line breaks. */
export function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 0xa0 || code === 0x202f || code === 0x2007;
}

/** Where a context word was found, measured as characters between it and the anchor. */
export interface ContextHit {
  readonly word: string;
  readonly distance: number;
}

/** Lower-cases code unit by code unit, keeping the length (and so every offset) unchanged. */
export function lowerKeepLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const l = ch.toLowerCase();
    out += l.length === 1 ? l : ch;
  }
  return out;
}

function boundaryOk(lower: string, start: number, end: number): boolean {
  return !isWordCharAt(lower, start - 1) && !isWordCharAt(lower, end);
}

/**
 * The context word that ends nearest before `anchor`, searching the `window` characters before it
 * (case-insensitive, whole words only). Bounded: at most `window` characters per word are read.
 */
export function contextBefore(
  text: string,
  anchor: number,
  window: number,
  words: readonly string[],
): ContextHit | undefined {
  const from = Math.max(0, anchor - window);
  const lower = lowerKeepLength(text.slice(from, anchor));
  let best: ContextHit | undefined;
  for (const word of words) {
    let at = lower.lastIndexOf(word);
    while (at >= 0) {
      if (boundaryOk(lower, at, at + word.length)) {
        const distance = lower.length - (at + word.length);
        if (!best || distance < best.distance) best = { word, distance };
        break;
      }
      at = at === 0 ? -1 : lower.lastIndexOf(word, at - 1);
    }
  }
  return best;
}

/** The context word that starts nearest after `anchor`, within `window` characters (whole words). */
export function contextAfter(
  text: string,
  anchor: number,
  window: number,
  words: readonly string[],
): ContextHit | undefined {
  const lower = lowerKeepLength(text.slice(anchor, Math.min(text.length, anchor + window)));
  let best: ContextHit | undefined;
  for (const word of words) {
    let at = lower.indexOf(word);
    while (at >= 0) {
      if (boundaryOk(lower, at, at + word.length)) {
        if (!best || at < best.distance) best = { word, distance: at };
        break;
      }
      at = lower.indexOf(word, at + 1);
    }
  }
  return best;
}

/** True when any digit occurs in text[from, to). */
export function hasDigitBetween(text: string, from: number, to: number): boolean {
  for (let i = Math.max(0, from); i < Math.min(text.length, to); i++) {
    if (isDigit(text.charCodeAt(i))) return true;
  }
  return false;
}

/** Number of line breaks in text[from, to). */
export function lineBreaksBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = Math.max(0, from); i < Math.min(text.length, to); i++) {
    if (text.charCodeAt(i) === 10) count++;
  }
  return count;
}

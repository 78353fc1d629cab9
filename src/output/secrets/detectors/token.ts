import { charIn, runEnd } from '../chars.js';

/** True when the token starting at `start` is not glued to a preceding character of `mask`. */
export function leftBoundary(text: string, start: number, mask: number): boolean {
  return !charIn(text, start - 1, mask);
}

/** True when the token ending at `end` is not followed by a character of `mask`. */
export function rightBoundary(text: string, end: number, mask: number): boolean {
  return !charIn(text, end, mask);
}

/**
 * The body of a prefixed token: the run of `mask` characters after the prefix, read up to `max + 1`
 * characters so an over-long run is recognised. Returns the end, or -1 when the run is shorter than
 * `min`, longer than `max`, or followed by a character of `boundary`.
 */
export function readBody(
  text: string,
  from: number,
  mask: number,
  min: number,
  max: number,
  boundary = mask,
): number {
  const end = runEnd(text, from, mask, max + 1);
  const length = end - from;
  if (length < min || length > max) return -1;
  return rightBoundary(text, end, boundary) ? end : -1;
}

/**
 * True when `start` directly follows an ANSI colour sequence (`ESC [ 94 m`): terminal output glues
 * the token to the `m`, which is not a real neighbouring character.
 */
export function afterAnsiEscape(text: string, start: number): boolean {
  if (text.charCodeAt(start - 1) !== 109) return false; // m
  let k = start - 2;
  while (k >= 0 && start - k <= 12) {
    const c = text.charCodeAt(k);
    if (c === 91) return k > 0 && text.charCodeAt(k - 1) === 27; // [ after ESC
    if (!((c >= 48 && c <= 57) || c === 59)) return false;
    k--;
  }
  return false;
}

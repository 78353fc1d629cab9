import { bytesToText } from './looksLikeText.js';

export const MIN_HEX_DIGITS = 16;

/** The value of a hex digit, or -1. */
export function hexValue(cu: number): number {
  if (cu >= 0x30 && cu <= 0x39) return cu - 0x30;
  if (cu >= 0x61 && cu <= 0x66) return cu - 0x57;
  if (cu >= 0x41 && cu <= 0x46) return cu - 0x37;
  return -1;
}

/**
 * Hex-encoded text: plain runs ("69676e6f7265…") and escaped runs ("\x69\x67…", "0x69 0x67").
 * Returns each run's span and the text it decodes to, when that is text.
 */
export function findHexText(text: string): Array<{ start: number; end: number; decoded: string }> {
  const found: Array<{ start: number; end: number; decoded: string }> = [];
  let i = 0;
  while (i < text.length) {
    // Cheap tests first: a plain run must hold MIN_HEX_DIGITS hex digits in a row, an escaped one
    // starts with "\x" or "0x". English words made of a–f letters end here without allocating.
    const first = text.charCodeAt(i);
    const escaped =
      (first === 0x5c && (text.charCodeAt(i + 1) | 0x20) === 0x78) ||
      (first === 0x30 && (text.charCodeAt(i + 1) | 0x20) === 0x78);
    if (!escaped) {
      if (hexValue(first) < 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < text.length && hexValue(text.charCodeAt(j)) >= 0) j++;
      if (
        j - i < MIN_HEX_DIGITS &&
        !(text.charCodeAt(j) === 0x20 && hexValue(text.charCodeAt(j + 1)) >= 0 && j - i === 2)
      ) {
        i = j;
        continue;
      }
    }
    const start = i;
    const bytes: number[] = [];
    // Each byte is two hex digits, optionally introduced by "\x", "0x" or "%"-free separators.
    while (i < text.length) {
      let j = i;
      if (text.charCodeAt(j) === 0x5c && (text.charCodeAt(j + 1) | 0x20) === 0x78) j += 2;
      else if (
        text.charCodeAt(j) === 0x30 &&
        (text.charCodeAt(j + 1) | 0x20) === 0x78 &&
        hexValue(text.charCodeAt(j + 2)) >= 0 &&
        hexValue(text.charCodeAt(j + 3)) >= 0 &&
        bytes.length === 0
      )
        j += 2;
      const hi = hexValue(text.charCodeAt(j));
      const lo = hexValue(text.charCodeAt(j + 1));
      if (hi < 0 || lo < 0) break;
      bytes.push(hi * 16 + lo);
      i = j + 2;
      // "0x69 0x67" and "69 67": one space or comma between bytes keeps the run going.
      const sep = text.charCodeAt(i);
      if (
        (sep === 0x20 || sep === 0x2c) &&
        hexValue(text.charCodeAt(i + 1)) >= 0 &&
        hexValue(text.charCodeAt(i + 2)) >= 0
      )
        i++;
      else if (
        (sep === 0x20 || sep === 0x2c) &&
        text.charCodeAt(i + 1) === 0x30 &&
        (text.charCodeAt(i + 2) | 0x20) === 0x78
      )
        i += 3;
    }
    if (bytes.length * 2 >= MIN_HEX_DIGITS) {
      const decoded = bytesToText(Uint8Array.from(bytes));
      if (decoded !== undefined) found.push({ start, end: i, decoded });
    }
    if (i === start) i++;
  }
  return found;
}

import { hexValue } from './hex.js';

/** Text with URL escapes, HTML entities and \u escapes decoded, mapped back to the source offsets. */
export interface EscapeDecoded {
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** How many escapes were decoded. */
  readonly count: number;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  sol: '/',
  colon: ':',
  lpar: '(',
  rpar: ')',
  lsqb: '[',
  rsqb: ']',
  lbrack: '[',
  rbrack: ']',
  excl: '!',
  num: '#',
  period: '.',
  comma: ',',
  equals: '=',
  newline: '\n',
  tab: '\t',
  hyphen: '-',
  dash: '-',
  lowbar: '_',
  quest: '?',
  commat: '@',
  percnt: '%',
};

function isValidCodePoint(cp: number): boolean {
  return cp >= 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
}

/** What the last successful `readEscape` decoded (a module slot instead of a tuple per escape). */
let decodedText = '';

/** UTF-8 bytes of one %XX run, reused. */
const utf8Bytes = new Uint8Array(4);

/**
 * Reads an escape at `i`: returns how many source units it spans (0 when there is none there)
 * and leaves its decoded text in `decodedText`.
 */
function readEscape(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x25) {
    // %XX, and runs of %XX that form one UTF-8 sequence.
    let count = 0;
    let j = i;
    while (j + 2 < text.length && text.charCodeAt(j) === 0x25) {
      const hi = hexValue(text.charCodeAt(j + 1));
      const lo = hexValue(text.charCodeAt(j + 2));
      if (hi < 0 || lo < 0) break;
      utf8Bytes[count++] = hi * 16 + lo;
      j += 3;
      const first = utf8Bytes[0]!;
      if (first < 0x80) break;
      const need = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : 2;
      if (count >= need) break;
    }
    if (count === 0) return 0;
    // ASCII needs no UTF-8 decoder (and one-character strings are not allocated).
    decodedText =
      count === 1 && utf8Bytes[0]! < 0x80
        ? String.fromCharCode(utf8Bytes[0]!)
        : Buffer.from(utf8Bytes.subarray(0, count)).toString('utf8');
    return j - i;
  }
  if (c === 0x26) {
    // &#105; &#x69; &name;
    let semi = -1;
    for (let k = i + 1; k < text.length && k - i <= 12; k++) {
      if (text.charCodeAt(k) === 0x3b) {
        semi = k;
        break;
      }
    }
    if (semi < 0) return 0;
    if (text.charCodeAt(i + 1) === 0x23) {
      const isHex = (text.charCodeAt(i + 2) | 0x20) === 0x78;
      const from = i + (isHex ? 3 : 2);
      if (from >= semi) return 0;
      let cp = 0;
      for (let k = from; k < semi; k++) {
        const v = isHex ? hexValue(text.charCodeAt(k)) : text.charCodeAt(k) - 0x30;
        if (v < 0 || v > (isHex ? 15 : 9)) return 0;
        cp = cp * (isHex ? 16 : 10) + v;
      }
      if (!isValidCodePoint(cp)) return 0;
      decodedText = String.fromCodePoint(cp);
      return semi + 1 - i;
    }
    const named = NAMED_ENTITIES[text.slice(i + 1, semi).toLowerCase()];
    if (named === undefined) return 0;
    decodedText = named;
    return semi + 1 - i;
  }
  if (c === 0x5c && text.charCodeAt(i + 1) === 0x75) {
    // \uXXXX and \u{XXXXX}
    if (text.charCodeAt(i + 2) === 0x7b) {
      let close = -1;
      for (let k = i + 3; k < text.length && k - i <= 10; k++) {
        if (text.charCodeAt(k) === 0x7d) {
          close = k;
          break;
        }
      }
      if (close < 0) return 0;
      let cp = 0;
      for (let k = i + 3; k < close; k++) {
        const v = hexValue(text.charCodeAt(k));
        if (v < 0) return 0;
        cp = cp * 16 + v;
      }
      if (!(close > i + 3 && isValidCodePoint(cp))) return 0;
      decodedText = String.fromCodePoint(cp);
      return close + 1 - i;
    }
    let cp = 0;
    for (let k = i + 2; k < i + 6; k++) {
      const v = hexValue(text.charCodeAt(k));
      if (v < 0) return 0;
      cp = cp * 16 + v;
    }
    decodedText = String.fromCharCode(cp);
    return 6;
  }
  return 0;
}

const utf16 = new TextDecoder('utf-16le');

// Scratch reused across calls (synchronous, so no call can interleave); results are copies.
let scratchUnits = new Uint16Array(1024);
let scratchStarts = new Int32Array(1024);
let scratchEnds = new Int32Array(1024);

/**
 * One linear pass that decodes URL escapes, HTML character references and \u escapes in
 * place. Everything else is copied. Each output unit maps to the source range it came from.
 * An escape never decodes to more units than it spans, so the output fits buffers of the
 * input's length.
 */
export function decodeEscapes(text: string): EscapeDecoded {
  const n = text.length;
  if (scratchUnits.length < n) {
    const size = Math.max(n, 2 * scratchUnits.length);
    scratchUnits = new Uint16Array(size);
    scratchStarts = new Int32Array(size);
    scratchEnds = new Int32Array(size);
  }
  const units = scratchUnits;
  const starts = scratchStarts;
  const ends = scratchEnds;
  let o = 0;
  let count = 0;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    const consumed = c === 0x25 || c === 0x26 || c === 0x5c ? readEscape(text, i) : 0;
    if (consumed === 0) {
      units[o] = c;
      starts[o] = i;
      ends[o] = i + 1;
      o++;
      i++;
      continue;
    }
    count++;
    for (let k = 0; k < decodedText.length; k++) {
      units[o] = decodedText.charCodeAt(k);
      starts[o] = i;
      ends[o] = i + consumed;
      o++;
    }
    i += consumed;
  }
  return {
    text: utf16.decode(units.subarray(0, o)),
    starts: starts.slice(0, o),
    ends: ends.slice(0, o),
    count,
  };
}

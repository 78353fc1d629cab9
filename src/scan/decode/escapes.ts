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

/** Reads an escape at `i`; returns [decoded code point(s) as string, length consumed] or undefined. */
function readEscape(text: string, i: number): [string, number] | undefined {
  const c = text.charCodeAt(i);
  if (c === 0x25) {
    // %XX, and runs of %XX that form one UTF-8 sequence.
    const bytes: number[] = [];
    let j = i;
    while (j + 2 < text.length + 0 && text.charCodeAt(j) === 0x25) {
      const hi = hexValue(text.charCodeAt(j + 1));
      const lo = hexValue(text.charCodeAt(j + 2));
      if (hi < 0 || lo < 0) break;
      bytes.push(hi * 16 + lo);
      j += 3;
      if (bytes[0]! < 0x80) break;
      const need = bytes[0]! >= 0xf0 ? 4 : bytes[0]! >= 0xe0 ? 3 : 2;
      if (bytes.length >= need) break;
    }
    if (bytes.length === 0) return undefined;
    const decoded = Buffer.from(bytes).toString('utf8');
    return [decoded, j - i];
  }
  if (c === 0x26) {
    // &#105; &#x69; &name;
    const semi = text.indexOf(';', i + 1);
    if (semi < 0 || semi - i > 12) return undefined;
    const body = text.slice(i + 1, semi);
    if (body.charCodeAt(0) === 0x23) {
      const isHex = (body.charCodeAt(1) | 0x20) === 0x78;
      const digits = body.slice(isHex ? 2 : 1);
      if (digits.length === 0) return undefined;
      let cp = 0;
      for (let k = 0; k < digits.length; k++) {
        const v = isHex ? hexValue(digits.charCodeAt(k)) : digits.charCodeAt(k) - 0x30;
        if (v < 0 || v > (isHex ? 15 : 9)) return undefined;
        cp = cp * (isHex ? 16 : 10) + v;
      }
      return isValidCodePoint(cp) ? [String.fromCodePoint(cp), semi + 1 - i] : undefined;
    }
    const named = NAMED_ENTITIES[body.toLowerCase()];
    return named === undefined ? undefined : [named, semi + 1 - i];
  }
  if (c === 0x5c && text.charCodeAt(i + 1) === 0x75) {
    // \uXXXX and \u{XXXXX}
    if (text.charCodeAt(i + 2) === 0x7b) {
      const close = text.indexOf('}', i + 3);
      if (close < 0 || close - i > 10) return undefined;
      let cp = 0;
      for (let k = i + 3; k < close; k++) {
        const v = hexValue(text.charCodeAt(k));
        if (v < 0) return undefined;
        cp = cp * 16 + v;
      }
      return close > i + 3 && isValidCodePoint(cp) ? [String.fromCodePoint(cp), close + 1 - i] : undefined;
    }
    let cp = 0;
    for (let k = i + 2; k < i + 6; k++) {
      const v = hexValue(text.charCodeAt(k));
      if (v < 0) return undefined;
      cp = cp * 16 + v;
    }
    return [String.fromCharCode(cp), 6];
  }
  return undefined;
}

/**
 * One linear pass that decodes URL escapes, HTML character references and \u escapes in
 * place. Everything else is copied. Each output unit maps to the source range it came from.
 */
export function decodeEscapes(text: string): EscapeDecoded {
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let count = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    const decodedEscape = c === 0x25 || c === 0x26 || c === 0x5c ? readEscape(text, i) : undefined;
    if (decodedEscape === undefined) {
      out += text[i];
      starts.push(i);
      ends.push(i + 1);
      i++;
      continue;
    }
    const [decoded, consumed] = decodedEscape;
    count++;
    for (let k = 0; k < decoded.length; k++) {
      starts.push(i);
      ends.push(i + consumed);
    }
    out += decoded;
    i += consumed;
  }
  return { text: out, starts: Int32Array.from(starts), ends: Int32Array.from(ends), count };
}

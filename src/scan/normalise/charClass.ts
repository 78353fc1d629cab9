/** Character classes the normaliser and the rule matcher need, cached per UTF-16 code unit. */
const WORD = 1;
const NON_WORD = 2;
const UNSPACED = 4;
const table = new Uint8Array(0x10000);
const LETTER_OR_NUMBER = /^[\p{L}\p{N}\p{M}]$/u;

function classify(cu: number): number {
  // Astral characters left after folding are mostly emoji and symbols: they never extend a word,
  // so "😀ignore" still has a boundary before "ignore".
  if (cu >= 0xd800 && cu <= 0xdfff) return NON_WORD;
  let c = LETTER_OR_NUMBER.test(String.fromCharCode(cu)) ? WORD : NON_WORD;
  if (
    (cu >= 0x3040 && cu <= 0x30ff) ||
    (cu >= 0x3400 && cu <= 0x4dbf) ||
    (cu >= 0x4e00 && cu <= 0x9fff) ||
    (cu >= 0xf900 && cu <= 0xfaff) ||
    (cu >= 0xac00 && cu <= 0xd7af) ||
    (cu >= 0x1100 && cu <= 0x11ff) ||
    (cu >= 0x3130 && cu <= 0x318f) ||
    (cu >= 0x0e00 && cu <= 0x0e7f)
  ) {
    c |= UNSPACED;
  }
  return c;
}

function lookup(cu: number): number {
  let c = table[cu]!;
  if (c === 0) {
    c = classify(cu);
    table[cu] = c;
  }
  return c;
}

/** Letters, digits and combining marks of any script. */
export function isWordUnit(cu: number): boolean {
  if (cu < 0x80)
    return (cu >= 0x61 && cu <= 0x7a) || (cu >= 0x30 && cu <= 0x39) || (cu >= 0x41 && cu <= 0x5a);
  return (lookup(cu) & WORD) !== 0;
}

/** Scripts written without spaces between words (Han, Kana, Hangul, Thai): no word boundaries there. */
export function isUnspacedScript(cu: number): boolean {
  if (cu < 0x0e00) return false;
  return (lookup(cu) & UNSPACED) !== 0;
}

export function isLatinLetter(cu: number): boolean {
  return (cu >= 0x61 && cu <= 0x7a) || (cu >= 0x41 && cu <= 0x5a);
}

export function isAsciiDigit(cu: number): boolean {
  return cu >= 0x30 && cu <= 0x39;
}

export function isSpace(cu: number): boolean {
  return (
    cu === 0x20 ||
    cu === 0x09 ||
    cu === 0x0a ||
    cu === 0x0d ||
    cu === 0x0b ||
    cu === 0x0c ||
    cu === 0xa0 ||
    cu === 0x3000 ||
    (cu >= 0x2000 && cu <= 0x200a) ||
    cu === 0x2028 ||
    cu === 0x2029 ||
    cu === 0x85 ||
    cu === 0x1680 ||
    cu === 0x202f ||
    cu === 0x205f
  );
}

/** A dense lookup table (0 = no mapping): one array read per character on the hot path. */
function toCodeTable(pairs: ReadonlyArray<readonly [string, string]>): Uint16Array {
  let size = 0;
  for (const [from] of pairs) size = Math.max(size, from.charCodeAt(0) + 1);
  const table = new Uint16Array(size);
  for (const [from, to] of pairs) table[from.charCodeAt(0)] = to.charCodeAt(0);
  return table;
}

/**
 * Lower-case Cyrillic and Greek letters that look like Latin ones. Applied only inside words
 * that mix them with Latin letters ("іgnоre"), so real Russian or Greek text is left alone.
 */
export const HOMOGLYPHS: Uint16Array = toCodeTable([
  ['а', 'a'],
  ['в', 'b'],
  ['е', 'e'],
  ['ё', 'e'],
  ['к', 'k'],
  ['м', 'm'],
  ['н', 'h'],
  ['о', 'o'],
  ['р', 'p'],
  ['с', 'c'],
  ['т', 't'],
  ['у', 'y'],
  ['х', 'x'],
  ['і', 'i'],
  ['ї', 'i'],
  ['ј', 'j'],
  ['ѕ', 's'],
  ['ԁ', 'd'],
  ['ԛ', 'q'],
  ['ԝ', 'w'],
  ['ү', 'y'],
  ['һ', 'h'],
  ['ӏ', 'l'],
  ['ɡ', 'g'],
  ['α', 'a'],
  ['β', 'b'],
  ['ε', 'e'],
  ['η', 'n'],
  ['ι', 'i'],
  ['κ', 'k'],
  ['ν', 'v'],
  ['ο', 'o'],
  ['ρ', 'p'],
  ['τ', 't'],
  ['υ', 'u'],
  ['χ', 'x'],
  ['ı', 'i'],
  ['ɑ', 'a'],
  ['ʀ', 'r'],
  ['ѵ', 'v'],
]);

/** Leetspeak digits and symbols, folded only inside words that also contain letters ("1gn0re"). */
export const LEET: Uint16Array = toCodeTable([
  ['0', 'o'],
  ['1', 'i'],
  ['3', 'e'],
  ['4', 'a'],
  ['5', 's'],
  ['7', 't'],
  ['9', 'g'],
  ['@', 'a'],
  ['$', 's'],
]);

/**
 * Folds one code point for matching: compatibility decomposition (NFKD, so fullwidth and
 * mathematical letters become plain ones), Latin/Greek/Cyrillic combining accents removed,
 * recomposed (NFC, so Hangul stays syllables) and lower-cased. Results are cached per code
 * point; the cache is bounded so a text made of many distinct code points cannot grow it.
 */
const CACHE_LIMIT = 8192;
const cache = new Map<number, string>();

function stripCombiningAccents(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x300 || c > 0x36f) out += s[i];
  }
  return out;
}

export function foldCodePoint(cp: number): string {
  if (cp < 0x80) {
    return cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 32) : String.fromCharCode(cp);
  }
  const hit = cache.get(cp);
  if (hit !== undefined) return hit;
  const folded = stripCombiningAccents(String.fromCodePoint(cp).normalize('NFKD'))
    .normalize('NFC')
    .toLowerCase();
  if (cache.size < CACHE_LIMIT) cache.set(cp, folded);
  return folded;
}

/**
 * Characters that render as nothing (or nearly nothing) and are used to split trigger words or
 * hide text: zero-width spaces and joiners, bidi controls, word joiners and invisible
 * operators, soft hyphen, variation selectors, the BOM, Mongolian vowel separator, Hangul fillers.
 * Unicode tag characters (U+E0000–U+E007F) are handled apart: they are decoded, not dropped.
 */
export function isInvisible(cp: number): boolean {
  if (cp < 0xad) return false;
  return (
    cp === 0xad ||
    cp === 0x34f ||
    cp === 0x61c ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    cp === 0x180e ||
    (cp >= 0x180b && cp <= 0x180f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0x3164 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff ||
    cp === 0xffa0 ||
    (cp >= 0xfff0 && cp <= 0xfff8) ||
    (cp >= 0x1bca0 && cp <= 0x1bca3) ||
    (cp >= 0x1d173 && cp <= 0x1d17a) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/** Bidirectional overrides and isolates: they reorder what a person sees against what a model reads. */
export function isBidiControl(cp: number): boolean {
  return (
    cp === 0x61c ||
    cp === 0x200e ||
    cp === 0x200f ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069)
  );
}

/** C0/C1 control characters other than tab, line feed and carriage return. */
export function isControl(cp: number): boolean {
  return (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || (cp >= 0x7f && cp <= 0x9f);
}

/** Unicode tag block, used for "ASCII smuggling": U+E0020–U+E007E mirror printable ASCII. */
export function isTagCharacter(cp: number): boolean {
  return cp >= 0xe0000 && cp <= 0xe007f;
}

/** The ASCII character a tag character stands for, or -1 for the tag controls (U+E0000, U+E0001, U+E007F). */
export function decodeTagCharacter(cp: number): number {
  const ascii = cp - 0xe0000;
  return ascii >= 0x20 && ascii <= 0x7e ? ascii : -1;
}

/** What `sanitizeInput` removes, per code point: 0 nothing, else the kind. */
export const REMOVABLE_NONE = 0;
export const REMOVABLE_INVISIBLE = 1;
export const REMOVABLE_BIDI = 2;
export const REMOVABLE_CONTROL = 3;
export const REMOVABLE_TAG = 4;

/**
 * The only BMP ranges where one of the predicates above can hold (a test checks every code
 * point): filling the table from these instead of testing all 65,536 keeps module load fast.
 */
export const REMOVABLE_CANDIDATE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00, 0xad],
  [0x34f, 0x34f],
  [0x61c, 0x61c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xfff0, 0xfff8],
];

/** The kind of a BMP code point, from the predicates. */
export function computeRemovableKind(cp: number): number {
  if (isBidiControl(cp)) return REMOVABLE_BIDI;
  if (isInvisible(cp)) return REMOVABLE_INVISIBLE;
  return isControl(cp) ? REMOVABLE_CONTROL : REMOVABLE_NONE;
}

// One byte per BMP code point: the hot loops read a table instead of testing ranges.
const BMP_REMOVABLE = new Uint8Array(0x10000);
for (const [from, to] of REMOVABLE_CANDIDATE_RANGES) {
  for (let cp = from; cp <= to; cp++) BMP_REMOVABLE[cp] = computeRemovableKind(cp);
}

/** The removable kind of a code point (tag characters, bidi controls, invisible, control). */
export function removableKind(cp: number): number {
  if (cp < 0x10000) return BMP_REMOVABLE[cp]!;
  if (isTagCharacter(cp)) return REMOVABLE_TAG;
  return isInvisible(cp) ? REMOVABLE_INVISIBLE : REMOVABLE_NONE;
}

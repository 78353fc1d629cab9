import { isSpace, isWordUnit } from './charClass.js';
import { foldCodePoint } from './fold.js';
import { HOMOGLYPHS, LEET } from './homoglyphs.js';
import { decodeTagCharacter, isControl, isInvisible, isTagCharacter } from './invisible.js';

/**
 * Text prepared for matching, with a map back to the caller's text: unit k of `text` came from
 * the original range [starts[k], ends[k]). Never shown to a user.
 */
export interface MappedText {
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /**
   * Maps several normalised spans to the original text at once without materialising `starts`
   * and `ends` (which cost two arrays per text): what the detectors use.
   */
  readonly mapSpans?: (spans: readonly NormalisedSpan[]) => OriginalSpan[];
}

/** A half-open span [start, end) in normalised offsets. */
export interface NormalisedSpan {
  readonly start: number;
  readonly end: number;
}

export interface OriginalSpan {
  start: number;
  end: number;
}

/** A code point never expands to more than this many units, so output ≤ 4 × input length. */
export const MAX_EXPANSION = 4;

const SPACE = 0x20;
const utf16 = new TextDecoder('utf-16le');

// Scratch buffers reused across calls (the function is synchronous, so no call can interleave).
let units = new Uint16Array(1024);
let starts = new Int32Array(1024);
let ends = new Int32Array(1024);
let drop = new Uint8Array(1024);

function ensureCapacity(n: number): void {
  if (units.length >= n) return;
  let size = units.length;
  while (size < n) size *= 2;
  units = new Uint16Array(size);
  starts = new Int32Array(size);
  ends = new Int32Array(size);
  drop = new Uint8Array(size);
}

/**
 * Normalisation for detection, in one linear pass per step:
 * 1. per code point: tag characters decoded (ASCII smuggling), invisible and control characters
 *    dropped, white space unified, NFKC-style compatibility folding, accents stripped, lower case;
 * 2. per word: homoglyphs folded in mixed-script words, leetspeak folded in words that mix
 *    letters and digits;
 * 3. spaced-out letters joined ("i g n o r e" → "ignore"), runs of white space collapsed.
 */
export function normaliseForDetection(input: string): MappedText {
  const length = foldCodePoints(input, false);
  foldWords(length);
  const out = joinAndCollapse(length, false);
  return lazyMappedText(
    utf16.decode(units.subarray(0, out)),
    () => offsetMaps(input),
    (spans) => spansInOriginal(input, spans),
  );
}

/** Runs the passes again, now recording offsets into the scratch buffers; returns the length. */
function trackOffsets(input: string): number {
  const length = foldCodePoints(input, true);
  foldWords(length);
  return joinAndCollapse(length, true);
}

/** The offset maps of `normaliseForDetection(input)`: the same passes, now recording offsets. */
function offsetMaps(input: string): { starts: Int32Array; ends: Int32Array } {
  const out = trackOffsets(input);
  return { starts: starts.slice(0, out), ends: ends.slice(0, out) };
}

/** Clamps a normalised span the way `toOriginalSpan` does: never empty, never outside the text. */
function clampSpan(span: NormalisedSpan, length: number): { s: number; e: number } {
  const s = Math.min(Math.max(span.start, 0), length - 1);
  return { s, e: Math.min(Math.max(span.end, s + 1), length) };
}

/** Spans of `normaliseForDetection(input)` in `input`, read off the scratch maps (no allocation per text). */
function spansInOriginal(input: string, spans: readonly NormalisedSpan[]): OriginalSpan[] {
  if (spans.length === 0) return [];
  const out = trackOffsets(input);
  return spans.map((span) => {
    if (out === 0) return { start: 0, end: 0 };
    const { s, e } = clampSpan(span, out);
    return { start: starts[s]!, end: ends[e - 1]! };
  });
}

/**
 * A `MappedText` whose offset maps are computed on first use. Spans are needed only for
 * findings, so most texts never pay for recording two offsets per character.
 */
export function lazyMappedText(
  text: string,
  computeMaps: () => { starts: Int32Array; ends: Int32Array },
  mapSpans: (spans: readonly NormalisedSpan[]) => OriginalSpan[],
): MappedText {
  let maps: { starts: Int32Array; ends: Int32Array } | undefined;
  return {
    text,
    get starts() {
      maps ??= computeMaps();
      return maps.starts;
    },
    get ends() {
      maps ??= computeMaps();
      return maps.ends;
    },
    mapSpans,
  };
}

/** The same normalisation without the offset map, for texts whose spans are never reported (rule terms). */
export function normaliseText(input: string): string {
  const length = foldCodePoints(input, false);
  foldWords(length);
  const out = joinAndCollapse(length, false);
  let text = '';
  for (let k = 0; k < out; k++) text += String.fromCharCode(units[k]!);
  return text;
}

/** Maps a span of the normalised text back to the original text. */
export function toOriginalSpan(
  mapped: MappedText,
  start: number,
  end: number,
): { start: number; end: number } {
  return toOriginalSpans(mapped, [{ start, end }])[0]!;
}

/** Maps several spans at once (one pass over the text however many spans). */
export function toOriginalSpans(mapped: MappedText, spans: readonly NormalisedSpan[]): OriginalSpan[] {
  const length = mapped.text.length;
  if (length === 0) return spans.map(() => ({ start: 0, end: 0 }));
  if (mapped.mapSpans !== undefined) return mapped.mapSpans(spans);
  return spans.map((span) => {
    const { s, e } = clampSpan(span, length);
    return { start: mapped.starts[s]!, end: mapped.ends[e - 1]! };
  });
}

/** Step 1 into the scratch buffers; offsets are written only when `track` is set. */
function foldCodePoints(input: string, track: boolean): number {
  ensureCapacity(input.length * MAX_EXPANSION + 4);
  let n = 0;
  for (let i = 0; i < input.length; ) {
    const unit = input.charCodeAt(i);
    const cp = unit >= 0xd800 && unit <= 0xdbff ? input.codePointAt(i)! : unit;
    const width = cp > 0xffff ? 2 : 1;
    if (cp < 0x80 && cp > 0x20 && cp !== 0x7f) {
      // ASCII fast path.
      units[n] = cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp;
      if (track) {
        starts[n] = i;
        ends[n] = i + 1;
      }
      n++;
    } else if (isTagCharacter(cp)) {
      const ascii = decodeTagCharacter(cp);
      if (ascii >= 0) {
        units[n] = ascii >= 0x41 && ascii <= 0x5a ? ascii + 32 : ascii;
        if (track) {
          starts[n] = i;
          ends[n] = i + width;
        }
        n++;
      }
    } else if (isSpace(cp)) {
      units[n] = SPACE;
      if (track) {
        starts[n] = i;
        ends[n] = i + width;
      }
      n++;
    } else if (!isInvisible(cp) && !isControl(cp)) {
      const folded = foldCodePoint(cp);
      const count = Math.min(folded.length, MAX_EXPANSION);
      for (let k = 0; k < count; k++) {
        units[n] = folded.charCodeAt(k);
        if (track) {
          starts[n] = i;
          ends[n] = i + width;
        }
        n++;
      }
    }
    i += width;
  }
  return n;
}

function isWordOrLeet(cu: number): boolean {
  return isWordUnit(cu) || cu === 0x40 || cu === 0x24;
}

function isLetterUnit(cu: number): boolean {
  return isWordUnit(cu) && !(cu >= 0x30 && cu <= 0x39);
}

function foldWords(n: number): void {
  let i = 0;
  while (i < n) {
    const first = units[i]!;
    // Plain lower-case ASCII letters need no folding: skip to the end of such a run.
    if (first >= 0x61 && first <= 0x7a) {
      let j = i + 1;
      while (j < n && units[j]! >= 0x61 && units[j]! <= 0x7a) j++;
      if (j >= n || !isWordOrLeet(units[j]!)) {
        i = j;
        continue;
      }
    } else if (!isWordOrLeet(first)) {
      i++;
      continue;
    }
    let j = i;
    let latin = 0;
    let lookalike = 0;
    let otherLetters = 0;
    let leetInterior = false;
    while (j < n && isWordOrLeet(units[j]!)) {
      const cu = units[j]!;
      if (cu >= 0x61 && cu <= 0x7a) latin++;
      else if (cu < HOMOGLYPHS.length && HOMOGLYPHS[cu] !== 0) lookalike++;
      else if (cu < LEET.length && LEET[cu] !== 0) {
        // A leet character counts only where a letter follows it: "1gn0re" but not "base64".
        if (j + 1 < n && isLetterUnit(units[j + 1]!)) leetInterior = true;
      } else if (isLetterUnit(cu)) otherLetters++;
      j++;
    }
    if (latin > 0 && lookalike > 0 && otherLetters === 0) {
      for (let k = i; k < j; k++) {
        const to = HOMOGLYPHS[units[k]!] ?? 0;
        if (to !== 0) units[k] = to;
      }
      latin += lookalike;
    }
    if (leetInterior && latin >= 2) {
      for (let k = i; k < j; k++) {
        const to = LEET[units[k]!] ?? 0;
        if (to !== 0) units[k] = to;
      }
    }
    i = j;
  }
}

/** ` .-_*|/+~`: what may stand between spaced-out letters, as a lookup table over ASCII. */
const SPACED_SEPARATOR = new Uint8Array(128);
for (const c of ' .-_*|/+~') SPACED_SEPARATOR[c.charCodeAt(0)] = 1;

function isSpacedSeparator(cu: number): boolean {
  return cu < 128 && SPACED_SEPARATOR[cu] === 1;
}

function isSingleLetterAt(k: number, n: number): boolean {
  return (
    isLetterUnit(units[k]!) &&
    (k === 0 || !isWordUnit(units[k - 1]!)) &&
    (k + 1 >= n || !isWordUnit(units[k + 1]!))
  );
}

/** Joins spaced letters and collapses white space in the scratch buffers; returns the new length. */
function joinAndCollapse(n: number, track: boolean): number {
  // Spaced-out letters: three or more single letters, each separated by exactly one separator.
  let dropped = false;
  for (let i = 0; i < n; ) {
    // A run starts at a letter followed by a separator; inside a word nothing can start one.
    if (
      !isSpacedSeparator(units[i + 1] ?? 0) ||
      (i > 0 && isWordUnit(units[i - 1]!)) ||
      !isSingleLetterAt(i, n)
    ) {
      i++;
      continue;
    }
    let j = i;
    let count = 1;
    while (j + 2 < n && isSpacedSeparator(units[j + 1]!) && isSingleLetterAt(j + 2, n)) {
      j += 2;
      count++;
    }
    if (count >= 3) {
      if (!dropped) drop.fill(0, 0, n);
      dropped = true;
      for (let k = i + 1; k < j; k += 2) drop[k] = 1;
    }
    i = j + 1;
  }
  let out = 0;
  let previousSpace = true;
  for (let k = 0; k < n; k++) {
    if (dropped && drop[k] === 1) continue;
    const cu = units[k]!;
    if (cu === SPACE) {
      if (previousSpace) continue;
      previousSpace = true;
    } else {
      previousSpace = false;
    }
    // Until the first unit is removed, everything is already in place.
    if (out !== k) {
      units[out] = cu;
      if (track) {
        starts[out] = starts[k]!;
        ends[out] = ends[k]!;
      }
    }
    out++;
  }
  if (out > 0 && units[out - 1] === SPACE) out--;
  return out;
}

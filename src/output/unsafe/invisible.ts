import {
  decodeTagCharacter,
  isBidiControl,
  isInvisible,
  isTagCharacter,
} from '../../scan/normalise/index.js';
import { applyEdits } from './edits.js';
import type { Neutralised, Plan, UnsafeMatch } from './types.js';

/** How much of the ASCII hidden in tag characters a match shows. */
const MAX_DECODED = 200;

const ZWJ = 0x200d;
const ZWNJ = 0x200c;
const BLACK_FLAG = 0x1f3f4;
const CANCEL_TAG = 0xe007f;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;

function isVariationSelector(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}

function isEmojiPart(cp: number): boolean {
  if (cp < 0xa9) return false;
  if (cp >= 0x1f3fb && cp <= 0x1f3ff) return true; // skin tones
  if (cp >= 0x1f9b0 && cp <= 0x1f9b3) return true; // hair components
  return PICTOGRAPHIC.test(String.fromCodePoint(cp));
}

/** Scripts where ZWJ/ZWNJ between letters change how words are written (Arabic, Indic, …). */
function usesJoiners(cp: number): boolean {
  return (
    (cp >= 0x0600 && cp <= 0x08ff) ||
    (cp >= 0x0900 && cp <= 0x0dff) ||
    (cp >= 0x0f00 && cp <= 0x109f) ||
    (cp >= 0x1780 && cp <= 0x17ff) ||
    (cp >= 0xa8e0 && cp <= 0xa8ff) ||
    (cp >= 0xfb50 && cp <= 0xfdff) ||
    (cp >= 0xfe70 && cp <= 0xfefc)
  );
}

/** Code points of the run [start, end) (at most three are needed to tell a legitimate sequence). */
function runCodePoints(text: string, start: number, end: number): number[] {
  const cps: number[] = [];
  for (let i = start; i < end && cps.length < 3; ) {
    const cp = text.codePointAt(i)!;
    cps.push(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return cps;
}

function codePointBefore(text: string, i: number): number {
  if (i <= 0) return -1;
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) return text.codePointAt(i - 2)!;
  return low;
}

/**
 * Zero-width runs that are part of ordinary writing and stay: one variation selector after a
 * visible character, a ZWJ (optionally after VS16) inside an emoji sequence, a single ZWJ or
 * ZWNJ between letters of a script that uses them. Anything longer is treated as hidden data.
 */
function isLegitimateRun(text: string, start: number, end: number): boolean {
  const cps = runCodePoints(text, start, end);
  if (cps.length > 2) return false;
  const before = codePointBefore(text, start);
  const after = end < text.length ? text.codePointAt(end)! : -1;
  if (before < 0 || isInvisible(before) || isTagCharacter(before) || isBidiControl(before)) return false;
  const [first, second] = cps as [number, number | undefined];
  if (second === undefined) {
    if (isVariationSelector(first)) return true;
    if (first === ZWJ)
      return (isEmojiPart(before) && isEmojiPart(after)) || (usesJoiners(before) && usesJoiners(after));
    if (first === ZWNJ) return usesJoiners(before) && usesJoiners(after);
    return false;
  }
  return first === 0xfe0f && second === ZWJ && isEmojiPart(before) && isEmojiPart(after);
}

/** Tag runs that spell an emoji flag (🏴 + lower-case letters/digits + cancel tag) stay. */
function isEmojiFlagTags(text: string, start: number, end: number): boolean {
  if (codePointBefore(text, start) !== BLACK_FLAG) return false;
  const count = (end - start) / 2;
  if (count < 3 || count > 8 || text.codePointAt(end - 2) !== CANCEL_TAG) return false;
  for (let i = start; i < end - 2; i += 2) {
    const ascii = text.codePointAt(i)! - 0xe0000;
    if (!((ascii >= 0x61 && ascii <= 0x7a) || (ascii >= 0x30 && ascii <= 0x39))) return false;
  }
  return true;
}

type Kind = 'tag' | 'bidi' | 'zero-width';

function kindOf(cp: number): Kind | undefined {
  if (cp < 0xad) return undefined;
  if (isTagCharacter(cp)) return 'tag';
  if (isBidiControl(cp)) return 'bidi';
  if (isInvisible(cp)) return 'zero-width';
  return undefined;
}

function decodeTags(text: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end && out.length < MAX_DECODED; i += 2) {
    const ascii = decodeTagCharacter(text.codePointAt(i)!);
    if (ascii >= 0) out += String.fromCharCode(ascii);
  }
  return end - start > MAX_DECODED * 2 ? `${out}…` : out;
}

function bidiConfidence(text: string, start: number, end: number): number {
  let confidence = 0.4; // marks only (LRM, RLM, ALM)
  for (let i = start; i < end; i++) {
    const cu = text.charCodeAt(i);
    if (cu === 0x202d || cu === 0x202e || cu === 0x202a || cu === 0x202b || (cu >= 0x2066 && cu <= 0x2068))
      return 0.95;
    if (cu === 0x202c || cu === 0x2069) confidence = 0.7;
  }
  return confidence;
}

function matchFor(text: string, kind: Kind, start: number, end: number): UnsafeMatch {
  switch (kind) {
    case 'tag':
      return {
        type: 'invisible:tag-characters',
        start,
        end,
        confidence: 0.99,
        label: 'HIDDEN_TEXT',
        detail: decodeTags(text, start, end),
      };
    case 'bidi':
      return {
        type: 'invisible:bidi',
        start,
        end,
        confidence: bidiConfidence(text, start, end),
        label: 'BIDI_CONTROL',
      };
    default:
      return {
        type: 'invisible:zero-width',
        start,
        end,
        confidence: end - start > 1 ? 0.9 : 0.6,
        label: 'INVISIBLE',
      };
  }
}

/** Finds runs of hidden characters and the edits that drop them. */
export function planInvisible(text: string): Plan {
  const plan: Plan = { matches: [], edits: [] };
  let runKind: Kind | undefined;
  let runStart = 0;
  const close = (end: number): void => {
    if (runKind === undefined) return;
    const legitimate =
      runKind === 'tag'
        ? isEmojiFlagTags(text, runStart, end)
        : runKind === 'zero-width' && isLegitimateRun(text, runStart, end);
    if (!legitimate) {
      plan.matches.push(matchFor(text, runKind, runStart, end));
      plan.edits.push({ start: runStart, end, text: '' });
    }
    runKind = undefined;
  };
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const kind = kindOf(cp);
    if (kind !== runKind) {
      close(i);
      if (kind !== undefined) {
        runKind = kind;
        runStart = i;
      }
    }
    i += width;
  }
  close(text.length);
  return plan;
}

/** Hidden characters in text: Unicode tag characters (decoded in `detail`), zero-width runs, bidi controls. */
export function findInvisible(text: string): UnsafeMatch[] {
  return planInvisible(text).matches;
}

/**
 * Strips Unicode tag characters ("ASCII smuggling"), zero-width runs and bidi overrides,
 * embeddings, isolates and marks ("Trojan Source"). Emoji sequences, emoji flags, single
 * variation selectors and joiners inside Arabic or Indic words stay. Idempotent.
 */
export function stripInvisible(text: string): Neutralised {
  const plan = planInvisible(text);
  return { text: applyEdits(text, plan.edits).text, matches: plan.matches };
}

import {
  REMOVABLE_BIDI,
  REMOVABLE_CONTROL,
  REMOVABLE_INVISIBLE,
  REMOVABLE_NONE,
  REMOVABLE_TAG,
  removableKind,
} from './normalise/index.js';
import { buildAutomaton, nextState } from './rules/ahoCorasick.js';
import { CHAT_TEMPLATE_TOKENS } from './rules/delimiters.js';
import type { SanitizeReport } from './types.js';

const delimiterAutomaton = buildAutomaton(CHAT_TEMPLATE_TOKENS);

// Scratch reused across calls (synchronous, so no call can interleave).
let scratchOut = new Uint16Array(1024);
let scratchState = new Int32Array(1025);
const utf16 = new TextDecoder('utf-16le');

function lowerAscii(cu: number): number {
  return cu >= 0x41 && cu <= 0x5a ? cu + 32 : cu;
}

/**
 * Removes chat-template delimiters in one pass, including ones that only form once an inner
 * one is removed ("<|im_<|im_end|>start|>"): the output is a stack that remembers the
 * automaton state after each kept unit, so removing a match restores the earlier state.
 */
export function removeDelimiters(text: string): { text: string; count: number } {
  const a = delimiterAutomaton;
  if (scratchOut.length < text.length) {
    scratchOut = new Uint16Array(Math.max(text.length, 2 * scratchOut.length));
    scratchState = new Int32Array(scratchOut.length + 1);
  }
  const out = scratchOut;
  const stateAt = scratchState;
  stateAt[0] = 0;
  let top = 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[top] = unit;
    const node = nextState(a, stateAt[top]!, lowerAscii(unit));
    top++;
    stateAt[top] = node;
    // The longest pattern ending here: own output or via the dictionary link.
    let m = node;
    while (m !== -1 && a.outStart[m + 1]! === a.outStart[m]!) m = a.dictLink[m]!;
    if (m > 0) {
      const length = a.patternLengths[a.outPatterns[a.outStart[m]!]!]!;
      top -= length;
      count++;
    }
  }
  return { text: count === 0 ? text : utf16.decode(out.subarray(0, top)), count };
}

/**
 * Whether a delimiter could occur: every token starts with `<|`, `<<`, `</`, `<s`, `<e`,
 * `[i`, `[/` (any case), and one hidden by removing another ("<|im_<|im_end|>start|>") holds an
 * inner token, which itself starts so. Prose, markdown and code rarely pass this test, so the
 * automaton runs only where it can find something.
 */
export function mayHoldDelimiter(text: string): boolean {
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) {
    const next = text.charCodeAt(i + 1) | 0x20;
    if (next === 0x7c || next === 0x3c || next === 0x2f || next === 0x73 || next === 0x65) return true;
  }
  for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1)) {
    const next = text.charCodeAt(i + 1) | 0x20;
    if (next === 0x69 || next === 0x2f) return true;
  }
  return false;
}

const KINDS = ['', 'invisible', 'bidi', 'control', 'tag'] as const;

/**
 * Step 4: a copy of the text safe to hand on. Removes zero-width and other invisible
 * characters, bidi controls, Unicode tag characters, control characters (tab and newlines
 * stay) and chat-template delimiters. Idempotent: sanitizing twice changes nothing more.
 */
export function sanitizeInput(text: string): SanitizeReport {
  const counts = [0, 0, 0, 0, 0];
  let kept = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // Printable ASCII is never removed.
    if (unit >= 0x20 && unit < 0x7f) continue;
    const cp = unit >= 0xd800 && unit <= 0xdbff ? text.codePointAt(i)! : unit;
    const kind = removableKind(cp);
    const width = cp > 0xffff ? 2 : 1;
    if (kind !== REMOVABLE_NONE) {
      kept += text.slice(from, i);
      counts[kind]!++;
      from = i + width;
    }
    i += width - 1;
  }
  kept += text.slice(from);
  const delimiters = mayHoldDelimiter(kept) ? removeDelimiters(kept) : { text: kept, count: 0 };
  const removed: Array<{ kind: string; count: number }> = [];
  for (const k of [REMOVABLE_INVISIBLE, REMOVABLE_BIDI, REMOVABLE_TAG, REMOVABLE_CONTROL]) {
    if (counts[k]! > 0) removed.push({ kind: KINDS[k]!, count: counts[k]! });
  }
  if (delimiters.count > 0) removed.push({ kind: 'delimiter', count: delimiters.count });
  return { text: delimiters.text, removed };
}

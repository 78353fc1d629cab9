import { isBidiControl, isControl, isInvisible, isTagCharacter } from './normalise/index.js';
import { buildAutomaton, nextState } from './rules/ahoCorasick.js';
import { CHAT_TEMPLATE_TOKENS } from './rules/delimiters.js';
import type { SanitizeReport } from './types.js';

const delimiterAutomaton = buildAutomaton(CHAT_TEMPLATE_TOKENS);

function lowerAscii(cu: number): number {
  return cu >= 0x41 && cu <= 0x5a ? cu + 32 : cu;
}

/**
 * Removes chat-template delimiters in one pass, including ones that only form once an inner
 * one is removed ("<|im_<|im_end|>start|>"): the output is a stack that remembers the
 * automaton state after each kept unit, so removing a match restores the earlier state.
 */
function removeDelimiters(text: string): { text: string; count: number } {
  const a = delimiterAutomaton;
  const out = new Uint16Array(text.length);
  const stateAt = new Int32Array(text.length + 1);
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
  return { text: count === 0 ? text : new TextDecoder('utf-16le').decode(out.subarray(0, top)), count };
}

/** Printable ASCII (plus tab and newlines) with no `<` or `[`: nothing to remove. */
function isPlainText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x7f || c === 0x3c || c === 0x5b || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d))
      return false;
  }
  return true;
}

/**
 * Step 4: a copy of the text safe to hand on. Removes zero-width and other invisible
 * characters, bidi controls, Unicode tag characters, control characters (tab and newlines
 * stay) and chat-template delimiters. Idempotent: sanitizing twice changes nothing more.
 */
export function sanitizeInput(text: string): SanitizeReport {
  if (isPlainText(text)) return { text, removed: [] };
  const counts = { invisible: 0, bidi: 0, tag: 0, control: 0 };
  let kept = '';
  let from = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const kind = isTagCharacter(cp)
      ? 'tag'
      : isBidiControl(cp)
        ? 'bidi'
        : isInvisible(cp)
          ? 'invisible'
          : isControl(cp)
            ? 'control'
            : undefined;
    if (kind !== undefined) {
      kept += text.slice(from, i);
      counts[kind]++;
      from = i + width;
    }
    i += width;
  }
  kept += text.slice(from);
  const delimiters =
    kept.includes('<') || kept.includes('[') ? removeDelimiters(kept) : { text: kept, count: 0 };
  const removed: Array<{ kind: string; count: number }> = [];
  for (const [kind, count] of Object.entries(counts)) if (count > 0) removed.push({ kind, count });
  if (delimiters.count > 0) removed.push({ kind: 'delimiter', count: delimiters.count });
  return { text: delimiters.text, removed };
}

import { applyEdits } from './edits.js';
import type { Neutralised, Plan, UnsafeMatch } from './types.js';

/**
 * Terminal control sequences in text bound for a terminal (ECMA-48): CSI (`ESC [` or C1
 * 0x9B), OSC (`ESC ]` or 0x9D, up to BEL or ST) including OSC 8 hyperlinks and OSC 52
 * clipboard writes, DCS/SOS/PM/APC strings, two-character escapes, other C1 controls, and C0
 * controls that rewrite what is on screen (backspace, a carriage return without line feed).
 */

const ESC = 0x1b;
const BEL = 0x07;
const C1_ST = 0x9c;

interface Sequence {
  readonly end: number;
  readonly type: string;
  readonly confidence: number;
  /** Unterminated strings: only the introducer is removed, the rest stays visible as text. */
  readonly removeEnd: number;
  readonly detail?: string;
}

/**
 * A control string (OSC, DCS, SOS, PM, APC) whose body starts at `body`: it ends at ST (`ESC \`
 * or 0x9C), at BEL for OSC, or is cut short by any other ESC or C1 control. Returns
 * [bodyEnd, end], end -1 when the text ends first.
 */
function readControlString(text: string, body: number, belEnds: boolean): [number, number] {
  for (let j = body; j < text.length; j++) {
    const cu = text.charCodeAt(j);
    if (belEnds && cu === BEL) return [j, j + 1];
    if (cu === C1_ST) return [j, j + 1];
    if (cu === ESC) return text.charCodeAt(j + 1) === 0x5c ? [j, j + 2] : [j, j];
    if (cu >= 0x80 && cu <= 0x9f) return [j, j];
  }
  return [text.length, -1];
}

function readCsi(text: string, body: number): Sequence {
  let j = body;
  while (j < text.length) {
    const cu = text.charCodeAt(j);
    if (cu >= 0x20 && cu <= 0x3f) {
      j++;
      continue;
    }
    if (cu >= 0x40 && cu <= 0x7e) {
      // Colours (SGR) hide nothing by themselves; cursor moves and erases can.
      const sgr = cu === 0x6d;
      return {
        end: j + 1,
        removeEnd: j + 1,
        type: 'terminal:escape',
        confidence: sgr ? 0.5 : 0.85,
        detail: sgr ? 'SGR' : `CSI ${text[j]}`,
      };
    }
    break;
  }
  return { end: j, removeEnd: j, type: 'terminal:escape', confidence: 0.8, detail: 'CSI (malformed)' };
}

function readOsc(text: string, body: number): Sequence {
  const [bodyEnd, end] = readControlString(text, body, true);
  let number = 0;
  let k = body;
  while (k < bodyEnd && k - body < 4 && text.charCodeAt(k) >= 0x30 && text.charCodeAt(k) <= 0x39) {
    number = number * 10 + text.charCodeAt(k) - 0x30;
    k++;
  }
  const numbered = k > body && (k === bodyEnd || text.charCodeAt(k) === 0x3b);
  const type =
    numbered && number === 52
      ? 'terminal:osc52-clipboard'
      : numbered && number === 8
        ? 'terminal:hyperlink'
        : 'terminal:escape';
  const confidence = type === 'terminal:osc52-clipboard' ? 0.99 : type === 'terminal:hyperlink' ? 0.9 : 0.8;
  const detail = numbered ? `OSC ${number}` : 'OSC';
  if (end < 0)
    return { end: text.length, removeEnd: body, type, confidence, detail: `${detail} (unterminated)` };
  return { end, removeEnd: end, type, confidence, detail };
}

function readString(text: string, body: number, name: string): Sequence {
  const [, end] = readControlString(text, body, false);
  if (end < 0)
    return {
      end: text.length,
      removeEnd: body,
      type: 'terminal:escape',
      confidence: 0.9,
      detail: `${name} (unterminated)`,
    };
  return { end, removeEnd: end, type: 'terminal:escape', confidence: 0.9, detail: name };
}

/** The sequence introduced at `i` (ESC or a C1 control). */
function readSequence(text: string, i: number): Sequence {
  const cu = text.charCodeAt(i);
  if (cu !== ESC) {
    switch (cu) {
      case 0x9b:
        return readCsi(text, i + 1);
      case 0x9d:
        return readOsc(text, i + 1);
      case 0x90:
        return readString(text, i + 1, 'DCS');
      case 0x98:
        return readString(text, i + 1, 'SOS');
      case 0x9e:
        return readString(text, i + 1, 'PM');
      case 0x9f:
        return readString(text, i + 1, 'APC');
      default:
        return {
          end: i + 1,
          removeEnd: i + 1,
          type: 'terminal:escape',
          confidence: 0.8,
          detail: 'C1 control',
        };
    }
  }
  const next = text.charCodeAt(i + 1);
  switch (next) {
    case 0x5b:
      return readCsi(text, i + 2);
    case 0x5d:
      return readOsc(text, i + 2);
    case 0x50:
      return readString(text, i + 2, 'DCS');
    case 0x58:
      return readString(text, i + 2, 'SOS');
    case 0x5e:
      return readString(text, i + 2, 'PM');
    case 0x5f:
      return readString(text, i + 2, 'APC');
  }
  let j = i + 1;
  while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
  const final = text.charCodeAt(j);
  if (final >= 0x30 && final <= 0x7e) {
    return {
      end: j + 1,
      removeEnd: j + 1,
      type: 'terminal:escape',
      confidence: 0.8,
      detail: `ESC ${text.slice(i + 1, j + 1)}`,
    };
  }
  return { end: j, removeEnd: j, type: 'terminal:escape', confidence: 0.6, detail: 'ESC' };
}

/** C0 controls other than tab and line feed, DEL, and a carriage return not followed by a line feed. */
function isScreenControl(text: string, i: number): boolean {
  const cu = text.charCodeAt(i);
  if (cu === 0x0d) return text.charCodeAt(i + 1) !== 0x0a;
  return (cu < 0x20 && cu !== 0x09 && cu !== 0x0a && cu !== ESC) || cu === 0x7f;
}

/** Finds escape sequences and screen-rewriting controls, and the edits that remove them. */
export function planTerminal(text: string): Plan {
  const plan: Plan = { matches: [], edits: [] };
  for (let i = 0; i < text.length; ) {
    const cu = text.charCodeAt(i);
    if (cu === ESC || (cu >= 0x80 && cu <= 0x9f)) {
      const sequence = readSequence(text, i);
      const match: UnsafeMatch = {
        type: sequence.type,
        start: i,
        end: sequence.end,
        confidence: sequence.confidence,
        label: 'TERMINAL_ESCAPE',
      };
      plan.matches.push(sequence.detail === undefined ? match : { ...match, detail: sequence.detail });
      plan.edits.push({ start: i, end: sequence.removeEnd, text: '' });
      i = sequence.removeEnd;
      continue;
    }
    if (isScreenControl(text, i)) {
      let j = i + 1;
      while (j < text.length && isScreenControl(text, j)) j++;
      plan.matches.push({
        type: 'terminal:control',
        start: i,
        end: j,
        confidence: 0.7,
        label: 'TERMINAL_CONTROL',
      });
      // A lone carriage return would overwrite the line: make it a line break instead.
      let replacement = '';
      for (let k = i; k < j; k++) if (text.charCodeAt(k) === 0x0d) replacement += '\n';
      plan.edits.push({ start: i, end: j, text: replacement });
      i = j;
      continue;
    }
    i++;
  }
  return plan;
}

/** Terminal escape sequences and screen-rewriting controls in `text`. */
export function findTerminalEscapes(text: string): UnsafeMatch[] {
  return planTerminal(text).matches;
}

/**
 * Removes escape sequences and screen-rewriting controls from text bound for a terminal.
 * An unterminated OSC/DCS loses its introducer and stays visible as text. Idempotent.
 */
export function stripTerminalEscapes(text: string): Neutralised {
  const plan = planTerminal(text);
  return { text: applyEdits(text, plan.edits).text, matches: plan.matches };
}

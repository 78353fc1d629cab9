import { ALNUM, HEX, matchesLower } from '../chars.js';
import { looksRandom } from '../entropy.js';
import { looksFake } from '../fake.js';
import type { AnchoredDetector } from '../types.js';
import { leftBoundary, readBody } from './token.js';

const CONTEXT_WINDOW = 300;

function hasTwilioContext(text: string, start: number, end: number): boolean {
  const from = Math.max(0, start - CONTEXT_WINDOW);
  const to = Math.min(text.length, end + CONTEXT_WINDOW) - 6;
  for (let i = from; i <= to; i++) {
    const c = text.charCodeAt(i);
    if ((c === 116 || c === 84) && matchesLower(text, i, 'twilio')) return true;
  }
  return false;
}

/** One case for all hex letters: SIDs are issued in lower case, some tools print them upper-cased. */
function singleCase(text: string, start: number, end: number): boolean {
  let lower = false;
  let upper = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97) lower = true;
    else if (c >= 65) upper = true;
  }
  return !(lower && upper);
}

/** Twilio API key SIDs (`SK`) and account SIDs (`AC`): 32 hex digits; `twilio` nearby raises confidence. */
export const twilioDetector: AnchoredDetector = {
  name: 'twilio',
  anchors: [{ pattern: 'SK' }, { pattern: 'AC' }],
  onAnchor(text, start, anchor, emit) {
    if (!leftBoundary(text, start, ALNUM)) return;
    const from = start + 2;
    const end = readBody(text, from, HEX, 32, 32, ALNUM);
    if (end < 0 || !singleCase(text, from, end)) return;
    if (!looksRandom(text, from, end, 16) || looksFake(text, from, end)) return;
    const context = hasTwilioContext(text, start, end);
    const apiKey = anchor === 0;
    const confidence = context ? (apiKey ? 0.9 : 0.7) : apiKey ? 0.6 : 0.5;
    emit({ detector: 'twilio-sid', start, end, confidence });
  },
};

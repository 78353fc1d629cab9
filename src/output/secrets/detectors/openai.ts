import { ALNUM, BASE64URL, runEnd } from '../chars.js';
import { looksFake } from '../fake.js';
import type { AnchoredDetector } from '../types.js';
import { leftBoundary, readBody, rightBoundary } from './token.js';

/** base64("OpenAI"), present in every issued key. */
const MARKER = 'T3BlbkFJ';
const SCOPED = ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-None-'];
const LEGACY = 'sk-';

/** OpenAI API keys: scoped keys with a base64url body, and legacy `sk-` + 20 + marker + 20. */
export const openaiDetector: AnchoredDetector = {
  name: 'openai',
  anchors: [...SCOPED, LEGACY].map((pattern) => ({ pattern })),
  onAnchor(text, start, anchor, emit) {
    if (!leftBoundary(text, start, BASE64URL)) return;
    if (anchor < SCOPED.length) {
      const from = start + SCOPED[anchor]!.length;
      const end = runEnd(text, from, BASE64URL, 401);
      if (end - from < 40 || end - from > 400 || !rightBoundary(text, end, BASE64URL)) return;
      const marker = text.indexOf(MARKER, from);
      if (marker < 0 || marker + MARKER.length > end) return;
      if (looksFake(text, from, end)) return;
      emit({ detector: 'openai-api-key', start, end, confidence: 0.95 });
      return;
    }
    // Legacy keys; scoped prefixes also start with `sk-` and are handled above.
    const from = start + LEGACY.length;
    const end = readBody(text, from, ALNUM, 48, 48, BASE64URL);
    if (end < 0 || !text.startsWith(MARKER, from + 20)) return;
    if (looksFake(text, from, end)) return;
    emit({ detector: 'openai-api-key', start, end, confidence: 0.95 });
  },
};

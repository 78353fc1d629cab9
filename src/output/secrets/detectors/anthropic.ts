import { BASE64URL, DIGIT, isIn, LOWER, runEnd } from '../chars.js';
import { looksFake } from '../fake.js';
import type { AnchoredDetector } from '../types.js';
import { leftBoundary, readBody } from './token.js';

const PREFIX = 'sk-ant-';

/** Anthropic keys: `sk-ant-<kind><2 digits>-` (api03, admin01, oat01, …) + 80-128 base64url characters. */
export const anthropicDetector: AnchoredDetector = {
  name: 'anthropic',
  anchors: [{ pattern: PREFIX }],
  onAnchor(text, start, _anchor, emit) {
    if (!leftBoundary(text, start, BASE64URL)) return;
    const kindStart = start + PREFIX.length;
    const kindEnd = runEnd(text, kindStart, LOWER, 12);
    if (kindEnd - kindStart < 3 || kindEnd - kindStart > 10) return;
    if (!isIn(text.charCodeAt(kindEnd), DIGIT) || !isIn(text.charCodeAt(kindEnd + 1), DIGIT)) return;
    if (text.charCodeAt(kindEnd + 2) !== 45) return;
    const from = kindEnd + 3;
    const end = readBody(text, from, BASE64URL, 80, 128);
    if (end < 0 || looksFake(text, from, end)) return;
    const issuedShape = text.charCodeAt(end - 1) === 65 && text.charCodeAt(end - 2) === 65;
    emit({ detector: 'anthropic-api-key', start, end, confidence: issuedShape ? 0.95 : 0.85 });
  },
};

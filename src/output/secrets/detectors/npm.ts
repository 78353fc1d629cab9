import { ALNUM, WORD } from '../chars.js';
import { hasBase62Crc } from '../crc32.js';
import type { AnchoredDetector } from '../types.js';
import { leftBoundary, readBody } from './token.js';

/** npm access tokens: `npm_` + 30 base62 + base62 CRC-32 of those 30 (dropped when it fails). */
export const npmDetector: AnchoredDetector = {
  name: 'npm',
  anchors: [{ pattern: 'npm_' }],
  onAnchor(text, start, _anchor, emit) {
    if (!leftBoundary(text, start, WORD)) return;
    const from = start + 4;
    const end = readBody(text, from, ALNUM, 36, 36, WORD);
    if (end < 0 || !hasBase62Crc(text, from, end)) return;
    emit({ detector: 'npm-token', start, end, confidence: 1 });
  },
};

import { ALNUM, runEnd, WORD } from '../chars.js';
import { hasBase62Crc } from '../crc32.js';
import { looksFake } from '../fake.js';
import type { AnchoredDetector } from '../types.js';
import { leftBoundary, readBody, rightBoundary } from './token.js';

const CLASSIC = ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'];
const FINE_GRAINED = 'github_pat_';

/**
 * GitHub tokens. Classic-format tokens carry a CRC-32 of their random part in the last 6 base62
 * characters; a token whose checksum does not verify is not a GitHub token and is dropped.
 */
export const githubDetector: AnchoredDetector = {
  name: 'github',
  anchors: [...CLASSIC, FINE_GRAINED].map((pattern) => ({ pattern })),
  onAnchor(text, start, anchor, emit) {
    if (!leftBoundary(text, start, WORD)) return;
    if (anchor < CLASSIC.length) {
      const from = start + 4;
      const end = runEnd(text, from, ALNUM, 256);
      if (end - from < 36 || end - from >= 256 || !rightBoundary(text, end, WORD)) return;
      if (!hasBase62Crc(text, from, end)) return;
      emit({ detector: 'github-token', start, end, confidence: end - from === 36 ? 1 : 0.95 });
      return;
    }
    const from = start + FINE_GRAINED.length;
    const first = readBody(text, from, ALNUM, 22, 22, ALNUM);
    if (first < 0 || text.charCodeAt(first) !== 95) return;
    const end = readBody(text, first + 1, ALNUM, 59, 59, WORD);
    if (end < 0 || looksFake(text, from, end)) return;
    emit({ detector: 'github-fine-grained-pat', start, end, confidence: 0.95 });
  },
};

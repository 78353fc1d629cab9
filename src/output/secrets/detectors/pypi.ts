import { BASE64URL } from '../chars.js';
import type { AnchoredDetector } from '../types.js';
import { leftBoundary, readBody } from './token.js';

/**
 * PyPI API tokens are macaroons: `pypi-` + base64url of a binary whose first bytes name the index,
 * so the prefix includes the encoded location (`pypi.org` or `test.pypi.org`).
 */
const PREFIXES = ['pypi-AgEIcHlwaS5vcmc', 'pypi-AgENdGVzdC5weXBpLm9yZw'];

export const pypiDetector: AnchoredDetector = {
  name: 'pypi',
  anchors: PREFIXES.map((pattern) => ({ pattern })),
  onAnchor(text, start, anchor, emit) {
    if (!leftBoundary(text, start, BASE64URL)) return;
    const end = readBody(text, start + PREFIXES[anchor]!.length, BASE64URL, 50, 4096);
    if (end < 0) return;
    emit({ detector: 'pypi-token', start, end, confidence: 0.95 });
  },
};

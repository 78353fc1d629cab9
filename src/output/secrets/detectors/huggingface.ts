import { ALNUM, charKinds, LOWER, UPPER, WORD } from '../chars.js';
import { looksFake } from '../fake.js';
import type { AnchoredDetector } from '../types.js';
import { leftBoundary, readBody } from './token.js';

const PREFIXES = ['hf_', 'api_org_'];

/** Hugging Face user access tokens (`hf_`) and organisation tokens (`api_org_`): 34 letters. */
export const huggingfaceDetector: AnchoredDetector = {
  name: 'huggingface',
  anchors: PREFIXES.map((pattern) => ({ pattern })),
  onAnchor(text, start, anchor, emit) {
    if (!leftBoundary(text, start, ALNUM)) return;
    const from = start + PREFIXES[anchor]!.length;
    const end = readBody(text, from, UPPER | LOWER, 34, 34, WORD);
    if (end < 0 || (charKinds(text, from, end) & 3) !== 3 || looksFake(text, from, end)) return;
    emit({ detector: 'huggingface-token', start, end, confidence: 0.9 });
  },
};

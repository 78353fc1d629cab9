import { ALNUM, BASE64URL, DIGIT, runEnd } from '../chars.js';
import { looksFake } from '../fake.js';
import type { AnchoredDetector } from '../types.js';
import { rightBoundary } from './token.js';

const TELEGRAM = ':AA';
const TERRAFORM = '.atlasv1.';

/** The start of the run of `mask` characters that ends at `end`, reading back at most `max`. */
function runStartBack(text: string, end: number, mask: number, max: number): number {
  let k = end;
  while (k > 0 && end - k <= max && runEnd(text, k - 1, mask, 1) === k) k--;
  return k;
}

/**
 * Tokens whose fixed part sits in the middle: Telegram bot tokens `<bot id>:AA<33 characters>` and
 * HashiCorp Terraform Cloud tokens `<14 characters>.atlasv1.<60-70 characters>`.
 */
export const infixDetector: AnchoredDetector = {
  name: 'infix',
  anchors: [{ pattern: TELEGRAM }, { pattern: TERRAFORM }],
  onAnchor(text, start, anchor, emit) {
    if (anchor === 0) {
      const idStart = runStartBack(text, start, DIGIT, 11);
      const digits = start - idStart;
      if (digits < 8 || digits > 10 || runEnd(text, idStart - 1, BASE64URL, 1) === idStart) return;
      const end = runEnd(text, start + 1, BASE64URL, 36);
      if (end - (start + 1) !== 35 || !rightBoundary(text, end, BASE64URL)) return;
      if (looksFake(text, start + 1, end)) return;
      emit({ detector: 'telegram-bot-token', start: idStart, end, confidence: 0.85 });
      return;
    }
    const idStart = runStartBack(text, start, ALNUM, 15);
    if (start - idStart !== 14 || runEnd(text, idStart - 1, BASE64URL, 1) === idStart) return;
    const from = start + TERRAFORM.length;
    const end = runEnd(text, from, BASE64URL, 71);
    if (end - from < 60 || end - from > 70 || !rightBoundary(text, end, BASE64URL)) return;
    if (looksFake(text, from, end)) return;
    emit({ detector: 'terraform-token', start: idStart, end, confidence: 0.85 });
  },
};

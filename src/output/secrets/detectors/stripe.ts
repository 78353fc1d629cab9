import { ALNUM, WORD } from '../chars.js';
import { looksFake } from '../fake.js';
import type { AnchoredDetector } from '../types.js';
import { leftBoundary, readBody } from './token.js';

/** Prefix and the confidence of a key of that kind (publishable keys are public by design). */
const KINDS: readonly (readonly [string, number])[] = [
  ['sk_live_', 0.95],
  ['rk_live_', 0.95],
  ['sk_test_', 0.7],
  ['rk_test_', 0.7],
  ['pk_live_', 0.3],
  ['pk_test_', 0.2],
];
const WEBHOOK = 'whsec_';

/** Stripe secret, restricted, publishable keys and webhook signing secrets. */
export const stripeDetector: AnchoredDetector = {
  name: 'stripe',
  anchors: [...KINDS.map(([pattern]) => ({ pattern })), { pattern: WEBHOOK }],
  onAnchor(text, start, anchor, emit) {
    if (!leftBoundary(text, start, WORD)) return;
    if (anchor < KINDS.length) {
      const [prefix, confidence] = KINDS[anchor]!;
      const from = start + prefix.length;
      const end = readBody(text, from, ALNUM, 24, 247, WORD);
      if (end < 0 || looksFake(text, from, end)) return;
      emit({ detector: 'stripe-key', start, end, confidence });
      return;
    }
    const from = start + WEBHOOK.length;
    const end = readBody(text, from, ALNUM, 32, 128, WORD);
    if (end < 0 || looksFake(text, from, end)) return;
    emit({ detector: 'stripe-webhook-secret', start, end, confidence: 0.85 });
  },
};

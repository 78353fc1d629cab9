import { BASE64URL, charKinds, DOT, isIn } from '../chars.js';
import { looksRandom } from '../entropy.js';
import { looksFake } from '../fake.js';
import type { AnchoredDetector, DetectorId } from '../types.js';
import { leftBoundary, readBody } from './token.js';

interface GoogleFormat {
  readonly prefix: string;
  readonly detector: DetectorId;
  readonly min: number;
  readonly max: number;
  readonly confidence: number;
}

const FORMATS: readonly GoogleFormat[] = [
  { prefix: 'AIza', detector: 'google-api-key', min: 35, max: 35, confidence: 0.9 },
  { prefix: 'GOCSPX-', detector: 'google-oauth-client-secret', min: 28, max: 28, confidence: 0.9 },
  { prefix: 'ya29.', detector: 'google-oauth-access-token', min: 30, max: 2048, confidence: 0.8 },
  { prefix: '1//0', detector: 'google-oauth-refresh-token', min: 40, max: 512, confidence: 0.8 },
];

/** OAuth client ids end in this domain; a legacy client secret (24 base64url characters) follows. */
const CLIENT_ID_SUFFIX = '.apps.googleusercontent.com';
const PAIR_WINDOW = 600;

/** A standalone 24-character base64url run with letters of both cases and digits, after a client id. */
function findLegacyClientSecret(text: string, from: number): number {
  const limit = Math.min(text.length, from + PAIR_WINDOW);
  let i = from;
  while (i < limit) {
    if (!isIn(text.charCodeAt(i), BASE64URL)) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isIn(text.charCodeAt(i), BASE64URL)) i++;
    if (
      i - start === 24 &&
      (charKinds(text, start, i) & 7) === 7 &&
      looksRandom(text, start, i, 64) &&
      !looksFake(text, start, i)
    ) {
      return start;
    }
  }
  return -1;
}

/** Google API keys, OAuth client secrets and OAuth access tokens. */
export const googleDetector: AnchoredDetector = {
  name: 'google',
  anchors: [...FORMATS.map((f) => ({ pattern: f.prefix })), { pattern: CLIENT_ID_SUFFIX }],
  onAnchor(text, start, anchor, emit) {
    if (anchor === FORMATS.length) {
      const secret = findLegacyClientSecret(text, start + CLIENT_ID_SUFFIX.length);
      if (secret >= 0)
        emit({ detector: 'google-oauth-client-secret', start: secret, end: secret + 24, confidence: 0.7 });
      return;
    }
    const format = FORMATS[anchor]!;
    if (!leftBoundary(text, start, BASE64URL | DOT)) return;
    const from = start + format.prefix.length;
    const end = readBody(text, from, BASE64URL, format.min, format.max);
    if (end < 0 || looksFake(text, from, end)) return;
    emit({ detector: format.detector, start, end, confidence: format.confidence });
  },
};

import { decodeBase64 } from '../base64.js';
import { BASE64, EQUALS, isIn } from '../chars.js';
import { looksRandom } from '../entropy.js';
import type { AnchoredDetector } from '../types.js';
import { leftBoundary } from './token.js';

const MIN_RUN = 64;
const MAX_RUN = 16384;

/**
 * True when the bytes start a DER private key: SEQUENCE, then INTEGER version 0 or 1, then the
 * structure's next field: INTEGER (PKCS#1 RSA modulus), SEQUENCE (PKCS#8 algorithm) or OCTET
 * STRING (SEC1 EC key). Public keys and certificates start SEQUENCE, SEQUENCE instead; encrypted
 * PKCS#8 too, so neither matches.
 */
export function isDerPrivateKey(bytes: string): boolean {
  if (bytes.charCodeAt(0) !== 0x30) return false;
  const lengthByte = bytes.charCodeAt(1);
  let at = 2;
  if (lengthByte === 0x81) at = 3;
  else if (lengthByte === 0x82) at = 4;
  else if (lengthByte >= 0x80) return false;
  if (bytes.charCodeAt(at) !== 0x02 || bytes.charCodeAt(at + 1) !== 0x01) return false;
  const version = bytes.charCodeAt(at + 2);
  if (version !== 0 && version !== 1) return false;
  const next = bytes.charCodeAt(at + 3);
  return next === 0x02 || next === 0x30 || next === 0x04;
}

/**
 * Base64 DER private keys without PEM armour (a key pasted as one base64 string, in code or XML).
 * The span is the first contiguous base64 run; a PEM block around it is reported by the PEM rule,
 * which wins the overlap.
 */
export const derKeyDetector: AnchoredDetector = {
  name: 'der-key',
  anchors: [{ pattern: 'MI' }, { pattern: 'MH' }, { pattern: 'MG' }],
  onAnchor(text, start, _anchor, emit) {
    if (!leftBoundary(text, start, BASE64)) return;
    let end = start;
    const limit = Math.min(text.length, start + MAX_RUN + 1);
    while (end < limit && isIn(text.charCodeAt(end), BASE64 | EQUALS)) end++;
    if (end - start < MIN_RUN || end - start > MAX_RUN) return;
    const head = decodeBase64(text, start, start + 16);
    if (head === undefined || !isDerPrivateKey(head)) return;
    if (!looksRandom(text, start + 16, Math.min(end, start + 4096), 64, 0.8)) return;
    emit({ detector: 'private-key-der', start, end, confidence: 0.85 });
  },
};

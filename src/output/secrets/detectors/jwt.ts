import { decodeBase64, utf8FromBytes } from '../base64.js';
import { BASE64URL, charIn, DOT, runEnd } from '../chars.js';
import { looksFake } from '../fake.js';
import type { AnchoredDetector } from '../types.js';
import { leftBoundary, rightBoundary } from './token.js';

const MAX_HEADER = 2048;
const MAX_PAYLOAD = 16384;
const MAX_SIGNATURE = 1024;

/** The JSON object a base64url segment encodes, or undefined. Input length is bounded by the caller. */
function decodeJsonObject(text: string, start: number, end: number): Record<string, unknown> | undefined {
  const bytes = decodeBase64(text, start, end);
  if (bytes === undefined) return undefined;
  const json = utf8FromBytes(bytes);
  if (json === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * JSON Web Tokens in compact JWS form: `header.payload.signature`, each base64url. The header must
 * decode to a JSON object with a string `alg` and the payload to a JSON object (a JWT's claims set).
 */
export const jwtDetector: AnchoredDetector = {
  name: 'jwt',
  anchors: [{ pattern: 'eyJ' }],
  onAnchor(text, start, _anchor, emit) {
    if (!leftBoundary(text, start, BASE64URL | DOT)) return;
    const headerEnd = runEnd(text, start, BASE64URL, MAX_HEADER + 1);
    if (headerEnd - start > MAX_HEADER || text.charCodeAt(headerEnd) !== 46) return;
    const payloadStart = headerEnd + 1;
    const payloadEnd = runEnd(text, payloadStart, BASE64URL, MAX_PAYLOAD + 1);
    if (payloadEnd - payloadStart < 2 || payloadEnd - payloadStart > MAX_PAYLOAD) return;
    if (text.charCodeAt(payloadEnd) !== 46) return;
    const signatureStart = payloadEnd + 1;
    const end = runEnd(text, signatureStart, BASE64URL, MAX_SIGNATURE + 1);
    if (end - signatureStart > MAX_SIGNATURE || !rightBoundary(text, end, BASE64URL)) return;
    // A fourth `.part` means JWE or something else; a lone `.` ends a sentence.
    if (text.charCodeAt(end) === 46 && charIn(text, end + 1, BASE64URL)) return;
    const header = decodeJsonObject(text, start, headerEnd);
    if (!header || typeof header['alg'] !== 'string') return;
    if (!decodeJsonObject(text, payloadStart, payloadEnd)) return;
    const unsigned = header['alg'].toLowerCase() === 'none';
    if (!unsigned && (end - signatureStart < 16 || looksFake(text, signatureStart, end))) return;
    emit({ detector: 'jwt', start, end, confidence: unsigned ? 0.5 : 0.9 });
  },
};

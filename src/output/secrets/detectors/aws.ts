import {
  ALNUM,
  B64_EXTRA,
  BASE64,
  BASE64URL,
  charKinds,
  DIGIT,
  EQUALS,
  isIn,
  LOWER,
  lowerCode,
  matchesLower,
  runEnd,
  UPPER,
} from '../chars.js';
import { looksRandom } from '../entropy.js';
import { looksFake } from '../fake.js';
import type { AnchoredDetector, Emit } from '../types.js';
import { leftBoundary, readBody } from './token.js';

const KEY_ID_PREFIXES = ['AKIA', 'ASIA', 'ABIA', 'ACCA'];
const UPPER_DIGIT = UPPER | DIGIT;

function isBase32(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 50 && c <= 55))) return false;
  }
  return true;
}

/** AWS access key ids: a documented 4-letter prefix and 16 upper-case letters or digits. */
export const awsKeyIdDetector: AnchoredDetector = {
  name: 'aws-key-id',
  anchors: KEY_ID_PREFIXES.map((pattern) => ({ pattern })),
  onAnchor(text, start, _anchor, emit) {
    if (!leftBoundary(text, start, ALNUM)) return;
    const end = readBody(text, start + 4, UPPER_DIGIT, 16, 16, ALNUM | LOWER | EQUALS);
    if (end < 0 || looksFake(text, start, end)) return;
    emit({
      detector: 'aws-access-key-id',
      start,
      end,
      confidence: isBase32(text, start + 4, end) ? 0.9 : 0.75,
    });
  },
};

const CONTEXT_WINDOW = 300;
const CONTEXT_WORDS = [
  'secret_access_key',
  'secretaccesskey',
  'secret-access-key',
  'aws_secret',
  'awssecret',
];

/** True when an AWS context occurs within `CONTEXT_WINDOW` characters of `[start, end)`. */
export function hasAwsContext(text: string, start: number, end: number): boolean {
  const from = Math.max(0, start - CONTEXT_WINDOW);
  const to = Math.min(text.length, end + CONTEXT_WINDOW);
  for (let i = from; i < to; i++) {
    const c = lowerCode(text.charCodeAt(i));
    if (
      c === 97 &&
      matchesLower(text, i, 'aws') &&
      !(i > 0 && isIn(lowerCode(text.charCodeAt(i - 1)), LOWER))
    ) {
      return true;
    }
    if (c === 115 || c === 97) {
      for (const word of CONTEXT_WORDS) if (matchesLower(text, i, word)) return true;
    }
    const raw = text.charCodeAt(i);
    if (raw === 65 && (i < start || i >= end)) {
      // An access key id nearby: AKIA/ASIA + 16.
      const p = text.slice(i, i + 4);
      if ((p === 'AKIA' || p === 'ASIA') && runEnd(text, i + 4, UPPER_DIGIT, 17) - (i + 4) === 16)
        return true;
    }
  }
  return false;
}

/**
 * Visits every maximal run of base64/base64url characters (`A-Za-z0-9+/_-`) plus its trailing `=`
 * padding, when the run's length is in [min, max]. An `=` followed by more token characters ends
 * the run (`key=value` is two runs), so padding is only ever at the end.
 */
export function forEachRun(
  text: string,
  min: number,
  max: number,
  visit: (start: number, end: number) => void,
): void {
  const body = BASE64URL | B64_EXTRA;
  let i = 0;
  while (i < text.length) {
    if (!isIn(text.charCodeAt(i), body)) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isIn(text.charCodeAt(i), body)) i++;
    let end = i;
    while (end < text.length && end - i < 3 && text.charCodeAt(end) === 61) end++;
    if (end > i && !isIn(text.charCodeAt(end), body | EQUALS)) i = end;
    else end = i;
    if (end - start >= min && end - start <= max) visit(start, end);
  }
}

/** Checks one run as an AWS secret access key. */
export function checkAwsSecret(text: string, start: number, end: number, emit: Emit): void {
  if (end - start !== 40) return;
  for (let i = start; i < end; i++) if (!isIn(text.charCodeAt(i), BASE64)) return;
  if ((charKinds(text, start, end) & 7) !== 7) return;
  if (!looksRandom(text, start, end, 64) || looksFake(text, start, end)) return;
  if (!hasAwsContext(text, start, end)) return;
  emit({ detector: 'aws-secret-access-key', start, end, confidence: 0.85 });
}

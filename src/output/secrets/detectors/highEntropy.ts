import { charKinds, HEX, isIn, isLineBreak, LOWER, UPPER } from '../chars.js';
import { expectedRandomEntropy, RANDOM_ENTROPY_MARGIN, shannonEntropy } from '../entropy.js';
import { containsAnyLower, looksFake } from '../fake.js';
import type { Emit } from '../types.js';
import { keyWords } from './keyNames.js';

export const HIGH_ENTROPY_MIN = 20;
/** Longer runs are certificates, ciphertexts and inline data, not keys someone typed. */
export const HIGH_ENTROPY_MAX = 256;
const CONTEXT_REACH = 80;

/** Key words (whole words of identifiers) that must occur earlier on the line; strong ones raise confidence. */
const STRONG_WORDS: ReadonlySet<string> = new Set([
  'secret',
  'secrets',
  'token',
  'tokens',
  'password',
  'passwords',
  'passwd',
  'pwd',
  'private',
  'bearer',
  'credential',
  'credentials',
  'apikey',
]);
const WEAK_WORDS: ReadonlySet<string> = new Set([
  'key',
  'keys',
  'auth',
  'authorization',
  'authentication',
  'api',
  'signature',
  'session',
  'cookie',
  'access',
]);

/** Lengths of hex digests (MD5, SHA-1, SHA-224, SHA-256, SHA-384, SHA-512, git object ids). */
const DIGEST_LENGTHS: ReadonlySet<number> = new Set([32, 40, 56, 64, 96, 128]);

function isUuid(text: string, start: number, end: number): boolean {
  if (end - start !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = text.charCodeAt(start + i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!isIn(c, HEX)) return false;
  }
  return true;
}

function allHex(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isIn(text.charCodeAt(i), HEX)) return false;
  return true;
}

/** 0 when no key word precedes the run on its line, 1 for a weak word, 2 for a strong one. */
function contextStrength(text: string, start: number): number {
  let from = start;
  while (from > 0 && start - from < CONTEXT_REACH && !isLineBreak(text.charCodeAt(from - 1))) from--;
  let best = 0;
  for (const word of keyWords(text.slice(from, start))) {
    if (STRONG_WORDS.has(word)) return 2;
    if (WEAK_WORDS.has(word)) best = 1;
  }
  return best;
}

/** Words on the run's line (within 120 characters) that say the value is not real. */
const FAKE_LINE_WORDS = ['example', 'fake', 'dummy', 'sample', 'placeholder', 'not a real', 'not real'];

function fakeLine(text: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && start - from < 120 && !isLineBreak(text.charCodeAt(from - 1))) from--;
  let to = end;
  while (to < text.length && to - end < 120 && !isLineBreak(text.charCodeAt(to))) to++;
  return containsAnyLower(text, from, to, FAKE_LINE_WORDS);
}

/** `…;base64,` right before the run: inline data (images, fonts), not a key. */
function isDataUri(text: string, start: number): boolean {
  return start >= 7 && text.startsWith('base64,', start - 7);
}

/** Two or more `/`-separated parts made of lower-case letters: a file path or URL path. */
function isPathLike(text: string, start: number, end: number): boolean {
  let words = 0;
  let partStart = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text.charCodeAt(i) === 47) {
      let letters = 0;
      let other = false;
      for (let k = partStart; k < i; k++) {
        const c = text.charCodeAt(k);
        if (c >= 97 && c <= 122) letters++;
        else if (c !== 45 && c !== 95 && !(c >= 48 && c <= 57)) other = true;
      }
      if (!other && letters >= 3) words++;
      partStart = i + 1;
    }
  }
  return words >= 2;
}

/** Part of a dotted name, domain, file name or URL: `.` or `/`, `:`, `@`, `\` glued to the run. */
function isInsideName(text: string, start: number, end: number): boolean {
  const before = start > 0 ? text.charCodeAt(start - 1) : 0;
  const after = end < text.length ? text.charCodeAt(end) : 0;
  if (before === 46 || before === 64 || before === 92 || before === 37) return true; // . @ \ %
  if (after === 46 && end + 1 < text.length && isIn(text.charCodeAt(end + 1), UPPER | LOWER)) return true;
  if (after === 64 || after === 92) return true;
  return text.charCodeAt(start) === 47 && text.charCodeAt(start + 1) === 47; // //host/path
}

/** Checks one base64/hex run as a generic high-entropy secret. */
export function checkHighEntropy(text: string, start: number, end: number, emit: Emit): void {
  let stop = end;
  while (stop > start && text.charCodeAt(stop - 1) === 61) stop--;
  const length = stop - start;
  if (length < HIGH_ENTROPY_MIN) return;
  if (isUuid(text, start, stop) || isDataUri(text, start) || isInsideName(text, start, end)) return;
  const hex = allHex(text, start, stop);
  let alphabet = 64;
  if (hex) {
    if (length < 32 || DIGEST_LENGTHS.has(length)) return;
    alphabet = 16;
    if ((charKinds(text, start, stop) & 4) === 0) return; // hex needs digits
  } else {
    if ((charKinds(text, start, stop) & 7) !== 7) return; // lower, upper and digits
    if (isPathLike(text, start, stop)) return;
  }
  const entropy = shannonEntropy(text, start, stop);
  const expected = expectedRandomEntropy(length, alphabet);
  if (entropy < expected - RANDOM_ENTROPY_MARGIN) return;
  const context = contextStrength(text, start);
  if (context === 0 || looksFake(text, start, stop) || fakeLine(text, start, stop)) return;
  let confidence = 0.55;
  if (length >= 32 && entropy >= expected - 0.3) confidence += 0.1;
  if (context === 2) confidence += 0.05;
  emit({ detector: 'high-entropy', start, end: stop, confidence });
}

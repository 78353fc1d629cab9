/**
 * The default preview redactor, used when the composition root injects none (it will inject the
 * output guard's redaction). Deliberately conservative: it would rather hide a harmless word than
 * show a secret. Every pass is a single left-to-right scan (no regular expressions, so no
 * backtracking): credentials after a sensitive key or an auth scheme, e-mail addresses, long
 * token-like runs (API keys, JWTs, base64), then digit runs (cards, phones, IBAN parts).
 */
export type PreviewRedactor = (text: string) => string;

export const SECRET_MASK = '[SECRET]';
export const EMAIL_MASK = '[EMAIL_ADDRESS]';
export const TOKEN_MASK = '[TOKEN]';
export const NUMBER_MASK = '[NUMBER]';

/** A run of this many token characters is treated as a credential. */
export const TOKEN_RUN_MIN = 16;
/** This many digits in one run (separators allowed) are treated as a number worth hiding. */
export const DIGIT_RUN_MIN = 4;

export const defaultPreviewRedactor: PreviewRedactor = (text) =>
  maskDigitRuns(maskTokenRuns(maskEmails(maskCredentials(text))));

const SENSITIVE_KEY_PARTS = [
  'pass',
  'pwd',
  'secret',
  'token',
  'key',
  'auth',
  'cred',
  'cookie',
  'session',
  'signature',
  'private',
];
// Words are runs of ASCII key characters, for which the i flag is exactly lower-casing.
const AUTH_SCHEME = /^(?:bearer|basic|digest|negotiate)$/i;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isAlnum = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09;
const isWhitespace = (c: number): boolean => isSpace(c) || (c >= 0x0a && c <= 0x0d) || c === 0xa0;
/** [A-Za-z0-9_.-] */
const isKeyChar = (c: number): boolean => isAlnum(c) || c === 0x5f || c === 0x2e || c === 0x2d;
/** [A-Za-z0-9_\-+/=.] */
const isTokenChar = (c: number): boolean =>
  isAlnum(c) || c === 0x5f || c === 0x2d || c === 0x2b || c === 0x2f || c === 0x3d || c === 0x2e;
const isEmailLocalChar = (c: number): boolean =>
  isAlnum(c) || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d;
const isDomainChar = (c: number): boolean => isAlnum(c) || c === 0x2e || c === 0x2d;
const isQuote = (c: number): boolean => c === 0x22 || c === 0x27 || c === 0x60;
/** Where an unquoted credential value ends. */
const endsValue = (c: number): boolean =>
  isWhitespace(c) ||
  isQuote(c) ||
  c === 0x2c || // ,
  c === 0x3b || // ;
  c === 0x26 || // &
  c === 0x29 || // )
  c === 0x7d || // }
  c === 0x5d || // ]
  c === 0x3c || // <
  c === 0x3e; // >

// One pass over the word instead of one search per part, and no lower-cased copy of it.
const SENSITIVE_KEY = new RegExp(SENSITIVE_KEY_PARTS.join('|'), 'i');

function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

/** Masks the value after `password=`, `"api_key": "…"`, `Authorization: Bearer …` and the like. */
export function maskCredentials(text: string): string {
  const n = text.length;
  let out = '';
  // Text before `copied` is in `out`; what follows is copied in slices, not character by character.
  let copied = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isKeyChar(c) || (i > 0 && isKeyChar(text.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && isKeyChar(text.charCodeAt(j))) j++;
    // Shorter words can be neither a scheme nor hold a sensitive part.
    const word = j - i >= 3 ? text.slice(i, j) : '';
    if (AUTH_SCHEME.test(word)) {
      let k = j;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      if (k > j && k < n && !endsValue(text.charCodeAt(k))) {
        let end = k;
        while (end < n && !isWhitespace(text.charCodeAt(end)) && !isQuote(text.charCodeAt(end))) end++;
        out += `${text.slice(copied, k)}${SECRET_MASK}`;
        copied = end;
        i = end;
        continue;
      }
    } else if (word !== '' && isSensitiveKey(word)) {
      const value = findAssignedValue(text, j);
      if (value !== undefined) {
        // `Authorization: Bearer x`: let the scheme rule mask the credential after the scheme.
        if (AUTH_SCHEME.test(text.slice(value.start, wordEnd(text, value.start)))) {
          i = value.start;
          continue;
        }
        out += `${text.slice(copied, value.start)}${SECRET_MASK}`;
        copied = value.end;
        i = value.end;
        continue;
      }
    }
    i = j;
  }
  return copied === 0 ? text : `${out}${text.slice(copied)}`;
}

function wordEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && isKeyChar(text.charCodeAt(end))) end++;
  return end;
}

/** After a key ending at `from`: optional closing quote, `=` or `:`, optional opening quote, value. */
function findAssignedValue(text: string, from: number): { start: number; end: number } | undefined {
  const n = text.length;
  let k = from;
  if (k < n && isQuote(text.charCodeAt(k))) k++;
  while (k < n && isSpace(text.charCodeAt(k))) k++;
  const op = text.charCodeAt(k);
  if (op !== 0x3d && op !== 0x3a) return undefined;
  k++;
  if (k < n && text.charCodeAt(k) === 0x3e) k++; // =>
  while (k < n && isSpace(text.charCodeAt(k))) k++;
  if (k < n && isQuote(text.charCodeAt(k))) {
    const quote = text.charCodeAt(k);
    const start = k + 1;
    let end = start;
    // An unterminated quote hides the rest of the text.
    while (end < n && text.charCodeAt(end) !== quote) end++;
    return end > start ? { start, end } : undefined;
  }
  let end = k;
  while (end < n && !endsValue(text.charCodeAt(end))) end++;
  return end > k ? { start: k, end } : undefined;
}

/** Masks `local@domain.tld`. */
export function maskEmails(text: string): string {
  const n = text.length;
  let out = '';
  let copied = 0;
  let at = text.indexOf('@');
  while (at !== -1) {
    let left = at;
    while (left > copied && isEmailLocalChar(text.charCodeAt(left - 1))) left--;
    let right = at + 1;
    while (right < n && isDomainChar(text.charCodeAt(right))) right++;
    // A sentence may end right after the address.
    while (right > at + 1 && !isAlnum(text.charCodeAt(right - 1))) right--;
    if (left < at && isDomain(text, at + 1, right)) {
      out += `${text.slice(copied, left)}${EMAIL_MASK}`;
      copied = right;
      at = text.indexOf('@', right);
    } else {
      at = text.indexOf('@', at + 1);
    }
  }
  return copied === 0 ? text : `${out}${text.slice(copied)}`;
}

/** Dot-separated non-empty labels ending in a top-level label of two or more letters. */
function isDomain(text: string, start: number, end: number): boolean {
  let lastDot = end - 1;
  while (lastDot > start && text.charCodeAt(lastDot) !== 0x2e) lastDot--;
  if (lastDot <= start || end - lastDot - 1 < 2) return false;
  for (let i = lastDot + 1; i < end; i++) if (isDigit(text.charCodeAt(i))) return false;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) === 0x2e && (i === start || text.charCodeAt(i - 1) === 0x2e)) return false;
  }
  return true;
}

/** Masks runs of at least TOKEN_RUN_MIN characters of [A-Za-z0-9_\-+/=.]: keys, JWTs, base64. */
export function maskTokenRuns(text: string): string {
  const n = text.length;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < n) {
    if (!isTokenChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    while (end < n && isTokenChar(text.charCodeAt(end))) end++;
    if (end - i >= TOKEN_RUN_MIN) {
      out += `${text.slice(copied, i)}${TOKEN_MASK}`;
      copied = end;
    }
    i = end;
  }
  return copied === 0 ? text : `${out}${text.slice(copied)}`;
}

const isDigitSeparator = (c: number): boolean =>
  c === 0x20 || c === 0x2d || c === 0x2e || c === 0x2f || c === 0x28 || c === 0x29;

/**
 * Masks runs of at least DIGIT_RUN_MIN digits, where groups may be joined by up to two of
 * ` -./()`: "4111 1111 1111 1111", "+1 (555) 010-9999", "DE89 3704 0044".
 */
export function maskDigitRuns(text: string): string {
  const n = text.length;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const plus = c === 0x2b && isDigit(text.charCodeAt(i + 1));
    if (!isDigit(c) && !plus) {
      i++;
      continue;
    }
    let end = plus ? i + 1 : i;
    let digits = 0;
    for (;;) {
      while (end < n && isDigit(text.charCodeAt(end))) {
        digits++;
        end++;
      }
      let k = end;
      while (k < end + 2 && k < n && isDigitSeparator(text.charCodeAt(k))) k++;
      if (k === end || k >= n || !isDigit(text.charCodeAt(k))) break;
      end = k;
    }
    if (digits >= DIGIT_RUN_MIN) {
      out += `${text.slice(copied, i)}${NUMBER_MASK}`;
      copied = end;
    }
    i = end;
  }
  return copied === 0 ? text : `${out}${text.slice(copied)}`;
}

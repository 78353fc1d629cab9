import {
  ALNUM,
  bitCount,
  charKinds,
  DIGIT,
  HEX,
  isIn,
  isLineBreak,
  isQuote,
  isSpace,
  LOWER,
  lowerCode,
  matchesLower,
  UPPER,
} from '../chars.js';
import { looksRandom } from '../entropy.js';
import { containsAnyLower, isOnlyLetters, isPlaceholder, isReference, looksFake } from '../fake.js';
import type { Emit, PassDetector } from '../types.js';
import { classifyKey, isBareCredentialWord, type KeyKind } from './keyNames.js';

const MAX_KEY = 64;
const MAX_VALUE = 256;
const MAX_GAP = 16;

interface Span {
  readonly start: number;
  readonly end: number;
}

interface Value extends Span {
  readonly quoted: boolean;
}

function isKeyChar(code: number): boolean {
  return isIn(code, ALNUM) || code === 95 || code === 45 || code === 46 || code === 36; // _ - . $
}

interface Key extends Span {
  /** Whitespace between the key (or its closing quote) and `end`. */
  readonly spaced: boolean;
  /** The key was written in quotes (`"password": …`). */
  readonly quoted: boolean;
}

/** Characters that cannot precede a key (`]PW:` in uuencoded text, `%PASS` in templates). */
function badBeforeKey(code: number): boolean {
  return (
    code === 93 || code === 41 || code === 125 || code === 37 || code === 94 || code === 126 || code === 92
  );
}

/** The identifier that ends at `end` (after skipping spaces and a closing quote), or undefined. */
function readKey(text: string, end: number): Key | undefined {
  let k = end;
  let gap = 0;
  while (k > 0 && isSpace(text.charCodeAt(k - 1)) && gap++ < MAX_GAP) k--;
  const spaced = k < end;
  const quoted = k > 0 && isQuote(text.charCodeAt(k - 1));
  if (quoted) {
    k--;
    if (k > 0 && text.charCodeAt(k - 1) === 92) k--; // \" in JSON inside a string
  }
  const keyEnd = k;
  while (k > 0 && keyEnd - k <= MAX_KEY && isKeyChar(text.charCodeAt(k - 1))) k--;
  if (k === keyEnd || keyEnd - k > MAX_KEY) return undefined;
  if (k > 0 && badBeforeKey(text.charCodeAt(k - 1))) return undefined;
  return { start: k, end: keyEnd, spaced, quoted };
}

/** Code objects whose properties hold secrets at run time (`self.password`, `config.token`). */
const CODE_OBJECTS: readonly string[] = [
  'self.',
  'this.',
  'config.',
  'cfg.',
  'conf.',
  'settings.',
  'options.',
  'opts.',
  'params.',
  'args.',
  'props.',
  'ctx.',
  'context.',
  'req.',
  'request.',
  'input.',
  'data.',
  'user.',
  'credentials.',
  'auth.',
  'app.',
  'env.',
  'window.',
  'document.',
];

const FILE_EXTENSIONS: readonly string[] = [
  '.pem',
  '.key',
  '.crt',
  '.cer',
  '.p12',
  '.pfx',
  '.jks',
  '.txt',
  '.json',
  '.yaml',
  '.yml',
  '.env',
  '.ini',
  '.conf',
  '.cfg',
  '.properties',
  '.xml',
  '.gpg',
  '.asc',
];

function endsWithLower(text: string, start: number, end: number, suffix: string): boolean {
  return end - start >= suffix.length && matchesLower(text, end - suffix.length, suffix);
}

function allHexAfter(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) if (!isIn(text.charCodeAt(i), HEX)) return false;
  return true;
}

/** Upper-case letters, digits and at least one `_`, starting with a letter. */
function isUpperSnake(text: string, start: number, end: number): boolean {
  if (!isIn(text.charCodeAt(start), UPPER)) return false;
  let underscore = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 95) underscore = true;
    else if (!isIn(c, UPPER | DIGIT)) return false;
  }
  return underscore;
}

function countSpaces(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (isSpace(text.charCodeAt(i))) n++;
  return n;
}

function hasDigit(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (isIn(text.charCodeAt(i), DIGIT)) return true;
  return false;
}

function hasLetter(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (isIn(text.charCodeAt(i), UPPER | LOWER)) return true;
  return false;
}

/** Characters other than letters, digits and `- _ .` (the "symbols" a password policy asks for). */
function hasSymbol(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!isIn(c, ALNUM) && c !== 45 && c !== 95 && c !== 46 && c > 32) return true;
  }
  return false;
}

/**
 * A variable name rather than a value: letters, digits and `_` with at least one `_`, and either no
 * digit (`db_password`) or no lower-case letter (`DB_PASSWORD_2`).
 */
function isSnakeName(text: string, start: number, end: number): boolean {
  let underscore = false;
  let digit = false;
  let lower = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 95) underscore = true;
    else if (isIn(c, DIGIT)) digit = true;
    else if (isIn(c, LOWER)) lower = true;
    else if (!isIn(c, UPPER)) return false;
  }
  return underscore && (!digit || !lower);
}

/** `a.b.c` where the first part is a known code object or no part has a digit. */
function isPropertyPath(text: string, start: number, end: number): boolean {
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) dots++;
    else if (!(isIn(c, ALNUM) || c === 95 || c === 36)) return false;
  }
  if (dots === 0) return false;
  for (const object of CODE_OBJECTS) if (matchesLower(text, start, object)) return true;
  return !hasDigit(text, start, end);
}

/** Is `text[start, end)` a value worth reporting for a key of `kind`? Returns the confidence or 0. */
export function judgeValue(text: string, value: Value, kind: KeyKind, key: Span | undefined): number {
  const { start, end, quoted } = value;
  const length = end - start;
  if (length < (quoted ? 4 : 6) || length > MAX_VALUE) return 0;
  if (kind === 'secret' && length < 8) return 0;
  if (isPlaceholder(text, start, end) || isReference(text, start, end)) return 0;
  if (key && length === key.end - key.start && text.startsWith(text.slice(key.start, key.end), start))
    return 0;
  const spaces = countSpaces(text, start, end);
  if (spaces > 1 || (spaces === 1 && kind === 'secret')) return 0;
  if (containsAnyLower(text, start, end, ['://', '%s', '{}', '{0}'])) return 0;
  const first = text.charCodeAt(start);
  if (first === 47 || first === 126 || (first === 46 && text.charCodeAt(start + 1) === 47)) return 0; // / ~ ./
  for (const extension of FILE_EXTENSIONS) if (endsWithLower(text, start, end, extension)) return 0;
  if (first === 48 && (text.charCodeAt(start + 1) | 32) === 120 && allHexAfter(text, start + 2, end))
    return 0; // 0x1f…
  if (isUpperSnake(text, start, end)) return 0; // a constant or variable name: 'SCHEMA_NAME', "GITHUB_TOKEN"
  if (!quoted) {
    if (first === 45) return 0; // another flag
    if (text.slice(start, end).includes('(')) return 0;
    if (isPropertyPath(text, start, end) || isSnakeName(text, start, end)) return 0;
  }
  if (isOnlyLetters(text, start, end)) {
    // A bare word is an identifier or a type; a quoted word is a weak password at most, and only
    // when it mixes cases (a lower-case word is prose: `PASSWORD 'literal'` in a comment).
    if (!quoted || kind === 'secret' || (charKinds(text, start, end) & 3) !== 3) return 0;
    return length >= 6 ? 0.5 : 0;
  }
  const digit = hasDigit(text, start, end);
  const letter = hasLetter(text, start, end);
  const symbol = hasSymbol(text, start, end);
  const kinds = bitCount(charKinds(text, start, end));
  if (kind === 'secret') {
    const random = length >= 16 && looksRandom(text, start, end, 62);
    if (!(digit && letter) && !random) return 0;
    if (looksFake(text, start, end)) return 0;
    if (random && length >= 24) return 0.8;
    return random ? 0.75 : 0.6;
  }
  if (!letter && !symbol) return length >= 8 ? 0.5 : 0; // digits only: a PIN or a number
  if (!quoted && !(digit || symbol)) return 0;
  if (kinds >= 3 && length >= 12) return 0.8;
  if (kinds >= 3 && length >= 8) return 0.75;
  return kinds >= 2 ? 0.65 : 0.5;
}

/** Reads a value starting at `from`: quoted (', ", `, &quot;, with a b/r/u/f prefix) or bare. */
function readValue(text: string, from: number, allowBare: boolean, xml = false): Value | undefined {
  let v = from;
  let gap = 0;
  while (v < text.length && isSpace(text.charCodeAt(v)) && gap++ < MAX_GAP) v++;
  if (v >= text.length) return undefined;
  let c = text.charCodeAt(v);
  if (isLineBreak(c)) return undefined;
  // String prefixes: b"..", r'..', u"..", f'..', @"..".
  if ((c === 98 || c === 114 || c === 117 || c === 102 || c === 64) && isQuote(text.charCodeAt(v + 1))) {
    v++;
    c = text.charCodeAt(v);
  }
  if (c === 38 && text.startsWith('&quot;', v)) {
    const start = v + 6;
    const close = text.slice(start, start + MAX_VALUE + 6).indexOf('&quot;');
    if (close < 0) return undefined;
    const closeAt = start + close;
    for (let i = start; i < closeAt; i++) if (isLineBreak(text.charCodeAt(i))) return undefined;
    return { start, end: closeAt, quoted: true };
  }
  const escaped = c === 92 && isQuote(text.charCodeAt(v + 1));
  if (escaped || isQuote(c)) {
    const quote = escaped ? text.charCodeAt(v + 1) : c;
    const start = v + (escaped ? 2 : 1);
    const limit = Math.min(text.length, start + MAX_VALUE + 1);
    for (let i = start; i < limit; i++) {
      const d = text.charCodeAt(i);
      if (isLineBreak(d)) return undefined;
      if (escaped) {
        if (d === 92 && text.charCodeAt(i + 1) === quote) return { start, end: i, quoted: true };
        continue;
      }
      if (d === 92) {
        i++;
        continue;
      }
      if (d === quote) return { start, end: i, quoted: true };
    }
    return undefined;
  }
  if (!allowBare) return undefined;
  const start = v;
  const limit = Math.min(text.length, start + MAX_VALUE + 1);
  let end = start;
  while (end < limit) {
    const d = text.charCodeAt(end);
    if (
      xml
        ? d === 60 || isLineBreak(d)
        : d <= 32 ||
          d === 44 ||
          d === 59 ||
          isQuote(d) ||
          d === 41 ||
          d === 93 ||
          d === 125 ||
          d === 60 ||
          d === 62 ||
          d === 38
    ) {
      break;
    }
    end++;
  }
  if (end === limit && limit - start > MAX_VALUE) return undefined;
  if (xml) {
    // Element content must be closed on the same line: `<password>value</password>`.
    if (text.charCodeAt(end) !== 60 || text.charCodeAt(end + 1) !== 47) return undefined;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  }
  while (end > start && text.charCodeAt(end - 1) === 46) end--; // a sentence's full stop
  return end > start ? { start, end, quoted: xml } : undefined;
}

/** HTTP authorization schemes written before a credential (`Authorization: Bearer <token>`). */
const AUTH_SCHEMES: readonly string[] = ['bearer', 'basic', 'token', 'ntlm', 'negotiate', 'digest'];

/** The scheme word at `start` followed by one space, or -1: the credential starts after it. */
function schemeEnd(text: string, start: number, end: number): number {
  for (const scheme of AUTH_SCHEMES) {
    const after = start + scheme.length;
    if (after < end && text.charCodeAt(after) === 32 && matchesLower(text, start, scheme)) return after + 1;
  }
  return -1;
}

function isAuthScheme(text: string, start: number, end: number): boolean {
  return schemeEnd(text, start, end + 1) === end + 1;
}

function emitValue(
  text: string,
  found: Value | undefined,
  kind: KeyKind,
  key: Span | undefined,
  emit: Emit,
): void {
  if (!found) return;
  const credential = schemeEnd(text, found.start, found.end);
  const value = credential > 0 ? { start: credential, end: found.end, quoted: true } : found;
  const confidence = judgeValue(text, value, kind, key);
  if (confidence <= 0) return;
  emit({
    detector: kind === 'password' ? 'password-assignment' : 'secret-assignment',
    start: value.start,
    end: value.end,
    confidence,
  });
}

function keyKind(text: string, key: Span): KeyKind | undefined {
  let start = key.start;
  while (start < key.end && (text.charCodeAt(start) === 45 || text.charCodeAt(start) === 36)) start++; // --flag, $var
  return start < key.end ? classifyKey(text.slice(start, key.end)) : undefined;
}

/** `key = value`, `key: value`, `key := value`, `key => value`, `key == "value"`, `key != "value"`. */
function onOperator(text: string, i: number, emit: Emit): number {
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  let opEnd = i + 1;
  let comparison = false;
  if (c === 58) {
    if (next === 58) return i + 2; // ::
    if (next === 47 && text.charCodeAt(i + 2) === 47) return i + 1; // scheme://
    if (next === 61) opEnd = i + 2; // :=
  } else if (c === 33) {
    if (next !== 61) return i + 1;
    opEnd = i + 2;
    if (text.charCodeAt(opEnd) === 61) opEnd++;
    comparison = true;
  } else {
    const prev = text.charCodeAt(i - 1);
    // Compound operators (+=, <=, >=, ...) and the second `=` of `==` are not assignments.
    if (i > 0 && '<>+-*/%&|^='.includes(String.fromCharCode(prev))) return i + 1;
    while (text.charCodeAt(opEnd) === 61) opEnd++;
    if (opEnd - i > 1) comparison = true;
    else if (text.charCodeAt(opEnd) === 62) opEnd++; // =>
  }
  const key = readKey(text, i);
  if (!key) return opEnd;
  // `"a" ? "b" : "c"` and `x : T`: a space before `:` is a ternary or a type annotation, not a key.
  if (c === 58 && key.spaced) return opEnd;
  const kind = keyKind(text, key);
  if (!kind) return opEnd;
  let value = readValue(text, opEnd, !comparison);
  // `password: String = "…"` (Kotlin, Scala, TypeScript, Python annotations): the value follows `=`.
  if (value && c === 58 && !value.quoted && isOnlyLetters(text, value.start, value.end)) {
    let j = value.end;
    while (j < text.length && isSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) === 61 && text.charCodeAt(j + 1) !== 61) value = readValue(text, j + 1, false);
  }
  // `Authorization: Bearer <token>` unquoted: the scheme word, one space, then the credential.
  if (
    value &&
    !value.quoted &&
    text.charCodeAt(value.end) === 32 &&
    isAuthScheme(text, value.start, value.end)
  ) {
    const next = readValue(text, value.end + 1, true);
    if (next && next.start === value.end + 1) value = { start: value.start, end: next.end, quoted: true };
  }
  emitValue(text, value, kind, key, emit);
  return opEnd;
}

/**
 * A space after a word: `--password value` and `-pw value` flags, `user:pass` after `-u`/`--user`,
 * `PASSWORD 'literal'` (SQL, `#define`, `SET`), and `IDENTIFIED BY value`.
 */
function onSpace(text: string, i: number, emit: Emit): void {
  if (i === 0 || !isKeyChar(text.charCodeAt(i - 1))) return;
  const key = readKey(text, i);
  if (!key) return;
  const flag = text.charCodeAt(key.start) === 45;
  if (flag) {
    let nameStart = key.start;
    while (nameStart < key.end && text.charCodeAt(nameStart) === 45) nameStart++;
    const name = text.slice(nameStart, key.end).toLowerCase();
    if (name === 'u' || name === 'user') {
      const value = readValue(text, i, true);
      if (!value) return;
      const colon = text.indexOf(':', value.start);
      if (colon < 0 || colon >= value.end - 1) return;
      emitValue(text, { start: colon + 1, end: value.end, quoted: true }, 'password', undefined, emit);
      return;
    }
    const kind = keyKind(text, key);
    if (kind) emitValue(text, readValue(text, i, true), kind, key, emit);
    return;
  }
  const name = text.slice(key.start, key.end);
  if (name.length === 2 && lowerCode(name.charCodeAt(0)) === 98 && lowerCode(name.charCodeAt(1)) === 121) {
    // IDENTIFIED [WITH <plugin>] BY <value>
    if (followsWord(text, key.start, 'identified', 48))
      emitValue(text, readValue(text, i, true), 'password', undefined, emit);
    return;
  }
  let v = i;
  while (v < text.length && isSpace(text.charCodeAt(v))) v++;
  const kind = keyKind(text, key);
  if (!kind) return;
  const quote = text.charCodeAt(v);
  const escapedQuote = quote === 92 && isQuote(text.charCodeAt(v + 1));
  // A backtick after a word is Markdown code or shell substitution, not a string literal.
  if ((isQuote(quote) && quote !== 96) || escapedQuote) {
    emitValue(text, readValue(text, v, false), kind, key, emit);
  } else if (quote === 40 && isQuote(text.charCodeAt(v + 1)) && isBareCredentialWord(name)) {
    emitValue(text, readValue(text, v + 1, false), kind, key, emit);
  } else if (isDefinition(text, key.start)) {
    // #define TOKEN value, %define token value, SET password value
    emitValue(text, readValue(text, v, true), kind, key, emit);
  }
}

/** True when `word` (lower case) ends within `reach` characters before `at` on the same line. */
function followsWord(text: string, at: number, word: string, reach: number): boolean {
  for (let k = at - word.length - 1; k >= 0 && at - k <= reach; k--) {
    if (isLineBreak(text.charCodeAt(k))) return false;
    if (matchesLower(text, k, word) && !isIn(text.charCodeAt(k + word.length), ALNUM)) return true;
  }
  return false;
}

/** `#define`, `%define`, `%global` or `SET` directly before the key. */
function isDefinition(text: string, keyStart: number): boolean {
  let k = keyStart;
  while (k > 0 && isSpace(text.charCodeAt(k - 1))) k--;
  if (k === keyStart) return false;
  for (const word of ['#define', '%define', '%global', 'set']) {
    const at = k - word.length;
    if (at >= 0 && matchesLower(text, at, word) && (at === 0 || !isIn(text.charCodeAt(at - 1), ALNUM)))
      return true;
  }
  return false;
}

/** `CURLOPT_PASSWORD, "literal"`: an upper-case constant naming a credential, then a quoted argument. */
function onComma(text: string, i: number, emit: Emit): void {
  const key = readKey(text, i);
  if (!key || key.spaced || key.quoted) return;
  for (let k = key.start; k < key.end; k++) if (isIn(text.charCodeAt(k), LOWER)) return;
  const kind = keyKind(text, key);
  if (!kind) return;
  let v = i + 1;
  while (v < text.length && isSpace(text.charCodeAt(v))) v++;
  if (isQuote(text.charCodeAt(v))) emitValue(text, readValue(text, v, false), kind, key, emit);
}

/** `PASSWORD('literal')`. */
function onParen(text: string, i: number, emit: Emit): void {
  if (i === 0 || !isKeyChar(text.charCodeAt(i - 1)) || !isQuote(text.charCodeAt(i + 1))) return;
  const key = readKey(text, i);
  if (!key || !isBareCredentialWord(text.slice(key.start, key.end))) return;
  emitValue(text, readValue(text, i + 1, false), 'password', key, emit);
}

/** `<password>value</password>` and `<pw attr="…">value</pw>`. */
function onTagEnd(text: string, i: number, emit: Emit): void {
  let lt = i - 1;
  while (lt >= 0 && i - lt <= 128) {
    const c = text.charCodeAt(lt);
    if (c === 60 || c === 62 || isLineBreak(c)) break;
    lt--;
  }
  if (lt < 0 || text.charCodeAt(lt) !== 60) return;
  let nameEnd = lt + 1;
  while (nameEnd < i && isKeyChar(text.charCodeAt(nameEnd))) nameEnd++;
  if (nameEnd === lt + 1) return;
  const key = { start: lt + 1, end: nameEnd };
  const kind = classifyKey(text.slice(key.start, key.end));
  if (!kind) return;
  emitValue(text, readValue(text, i + 1, true, true), kind, key, emit);
}

/** Credentials written as key-value pairs in configuration, code, command lines and markup. */
export const assignmentDetector: PassDetector = {
  name: 'assignment',
  scan(text, emit) {
    let i = 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 61 || c === 58 || c === 33) {
        i = Math.max(i + 1, onOperator(text, i, emit));
        continue;
      }
      if (c === 32 || c === 9) onSpace(text, i, emit);
      else if (c === 40) onParen(text, i, emit);
      else if (c === 44) onComma(text, i, emit);
      else if (c === 62) onTagEnd(text, i, emit);
      i++;
    }
  },
};

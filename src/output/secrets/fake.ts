import { ALNUM, classOf, isIn, LOWER, lowerCode, UPPER } from './chars.js';

/**
 * Signs that a token-shaped string is a documentation example, a test value or a placeholder
 * rather than a live credential. Every check is a bounded loop over the candidate only.
 */

/** Words that mark example and test values (matched case-insensitively anywhere in the value). */
export const FAKE_WORDS: readonly string[] = [
  'example',
  'fake',
  'dummy',
  'sample',
  'placeholder',
  'xxxx',
  'redacted',
  'changeme',
  'change_me',
  'notreal',
  'not_real',
  'insert',
  'asdf',
  'qwert',
];

function containsLower(text: string, start: number, end: number, word: string): boolean {
  const last = end - word.length;
  outer: for (let i = start; i <= last; i++) {
    for (let k = 0; k < word.length; k++) {
      if (lowerCode(text.charCodeAt(i + k)) !== word.charCodeAt(k)) continue outer;
    }
    return true;
  }
  return false;
}

/** True when `text[start, end)` contains one of `words` (lower-case), ignoring ASCII case. */
export function containsAnyLower(
  text: string,
  start: number,
  end: number,
  words: readonly string[],
): boolean {
  for (const word of words) if (containsLower(text, start, end, word)) return true;
  return false;
}

/** Length of the longest run of consecutive ascending or descending letters or digits (`123456`, `fedcba`). */
export function longestSequence(text: string, start: number, end: number): number {
  let best = 1;
  let up = 1;
  let down = 1;
  for (let i = start + 1; i < end; i++) {
    const prev = text.charCodeAt(i - 1);
    const cur = text.charCodeAt(i);
    if (!isIn(prev, ALNUM) || !isIn(cur, ALNUM)) {
      up = 1;
      down = 1;
      continue;
    }
    const a = lowerCode(prev);
    const b = lowerCode(cur);
    up = b === a + 1 ? up + 1 : 1;
    down = b === a - 1 ? down + 1 : 1;
    if (up > best) best = up;
    if (down > best) best = down;
  }
  return end > start ? best : 0;
}

/** Length of the longest run of one repeated character (`0000`, `****`). */
export function longestRepeat(text: string, start: number, end: number): number {
  let best = 0;
  let run = 0;
  for (let i = start; i < end; i++) {
    run = i > start && text.charCodeAt(i) === text.charCodeAt(i - 1) ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

/** The largest number of times one 4-character substring occurs (`TESTTESTTEST` gives 3). */
export function maxQuadgramCount(text: string, start: number, end: number): number {
  if (end - start < 4) return 0;
  const seen = new Map<string, number>();
  let best = 0;
  for (let i = start; i + 4 <= end; i++) {
    const gram = text.slice(i, i + 4);
    const n = (seen.get(gram) ?? 0) + 1;
    seen.set(gram, n);
    if (n > best) best = n;
  }
  return best;
}

/**
 * True when a random-looking token body shows a human pattern that a generated key would show
 * with negligible probability: an example word, a 6-long ascending or descending sequence, one
 * character 8 times in a row, or a 4-character substring three times (counted over at most
 * 512 characters). Not applied to checksum-verified tokens, whose checksum proves generation.
 */
export function looksFake(
  text: string,
  start: number,
  end: number,
  options: { repeats?: boolean } = {},
): boolean {
  const stop = Math.min(end, start + 512);
  if (containsAnyLower(text, start, stop, FAKE_WORDS)) return true;
  if (longestSequence(text, start, stop) >= 6) return true;
  if (longestRepeat(text, start, stop) >= 8) return true;
  if (proseWords(text, start, stop) >= 3) return true;
  return options.repeats !== false && maxQuadgramCount(text, start, stop) >= 3;
}

/**
 * The number of `-`/`_`-separated parts that are 2-12 lower-case letters (`there-are-not-the-key`).
 * A random base64url string almost never has even one such short, all-lower-case part.
 */
export function proseWords(text: string, start: number, end: number): number {
  let words = 0;
  let partStart = start;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 45;
    if (c !== 45 && c !== 95) continue;
    const length = i - partStart;
    if (length >= 2 && length <= 12 && partStart > start && i < end) {
      let lower = true;
      for (let k = partStart; k < i; k++) {
        const d = text.charCodeAt(k);
        if (d < 97 || d > 122) lower = false;
      }
      if (lower) words++;
    }
    partStart = i + 1;
  }
  return words;
}

/** Values that stand for "no password here" in configuration files, URLs and documentation. */
const PLACEHOLDER_VALUES: ReadonlySet<string> = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'token',
  'apikey',
  'api_key',
  'key',
  'changeme',
  'changeit',
  'none',
  'null',
  'nil',
  'undefined',
  'empty',
  'true',
  'false',
  'yes',
  'no',
  'example',
  'sample',
  'test',
  'testing',
  'demo',
  'dummy',
  'fake',
  'foo',
  'bar',
  'baz',
  'foobar',
  'admin',
  'root',
  'guest',
  'user',
  'username',
  'postgres',
  'mysql',
  'redis',
  'rabbitmq',
  'value',
  'string',
  'str',
  'required',
  'optional',
  'hidden',
  'masked',
  'secure',
  'default',
  'your',
  'mypassword',
  'my_password',
  'yourpassword',
  'your_password',
  'secret123',
  'password123',
  'password1',
  'pass123',
  'hunter2',
  '123456',
  '12345678',
  'qwerty',
  'letmein',
]);

/** Words that, anywhere in a value, mark it as a stand-in (`your-api-key`, `<db password>`). */
const PLACEHOLDER_WORDS: readonly string[] = [
  'your',
  'example',
  'placeholder',
  'redacted',
  'dummy',
  'changeme',
  'change_me',
  'change-me',
  'xxx',
  '***',
  '...',
  '…',
  'todo',
  'fixme',
  'insert',
  'replace',
  'enter_',
  'enter-',
  'password',
  'passwd',
  'secret',
];

const OPENERS = '<[{(';
const CLOSERS = '>]})';

/**
 * True when `text[start, end)` is not a real secret: empty, one repeated character, a template
 * or environment reference (`${DB_PASS}`, `$PASSWORD`, `%(pw)s`, `{{ secret }}`, `<password>`),
 * a well-known placeholder or default (`password`, `changeme`, `admin`, `****`) or a value that
 * contains a stand-in word (`your-token-here`, `xxx`, `...`).
 */
export function isPlaceholder(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length <= 0) return true;
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(end - 1);
  if (longestRepeat(text, start, end) === length) return true;
  // Templates and references: $VAR, ${VAR}, $(cmd), %VAR%, %(name)s, %s, {{x}}, #{x}, @VAR@.
  if (first === 36 || first === 37) return true; // $ %
  if (first === 35 && length > 1 && text.charCodeAt(start + 1) === 123) return true; // #{
  if (first === 64 && last === 64) return true; // @VAR@
  const open = OPENERS.indexOf(text[start]!);
  if (open >= 0 && CLOSERS.indexOf(text[end - 1]!) === open) return true;
  if (containsLower(text, start, end, '${') || containsLower(text, start, end, '{{')) return true;
  if (length <= 24) {
    let lower = '';
    for (let i = start; i < end; i++) lower += String.fromCharCode(lowerCode(text.charCodeAt(i)));
    if (PLACEHOLDER_VALUES.has(lower)) return true;
  }
  if (containsAnyLower(text, start, end, PLACEHOLDER_WORDS)) return true;
  // Two leading and trailing underscores: __PASSWORD__.
  if (length > 4 && first === 95 && text.charCodeAt(start + 1) === 95 && last === 95) return true;
  return false;
}

/** Markers of a value that is read from somewhere else at run time rather than written inline. */
const REFERENCE_MARKERS: readonly string[] = [
  'process.env',
  'os.environ',
  'getenv',
  'env[',
  'env(',
  'env.',
  'secrets.',
  'vault:',
  'ssm:',
  'secretsmanager',
  'keyvault',
  'valuefrom',
  'secretref',
  'enc(',
  '{cipher}',
];

/** True when the value refers to a secret store or environment variable instead of holding one. */
export function isReference(text: string, start: number, end: number): boolean {
  return containsAnyLower(text, start, end, REFERENCE_MARKERS);
}

/** True for a string made only of letters (no digits, no symbols). */
export function isOnlyLetters(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const cls = classOf(text.charCodeAt(i));
    if ((cls & (UPPER | LOWER)) === 0) return false;
  }
  return end > start;
}

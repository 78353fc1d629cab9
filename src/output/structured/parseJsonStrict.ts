import { InvalidInputError, InvalidOptionsError } from '../../errors/index.js';
import { formatPath, type JsonPath, StructuredOutputError } from './errors.js';

/**
 * A strict, iterative JSON parser for untrusted model output (RFC 8259 only: no comments,
 * trailing commas, NaN, single quotes or leading zeros). Linear in the input, no recursion, so
 * a `[[[[…` bomb ends in a typed error at the depth limit, not a stack overflow. Objects have
 * a null prototype; `__proto__`, `constructor` and `prototype` keys are dropped (reported) or
 * rejected; duplicate keys are rejected.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** An object with a null prototype. */
export interface JsonObject {
  [key: string]: JsonValue;
}

export interface JsonLimits {
  /** UTF-8 bytes of the whole text. Default 1 MiB. */
  readonly maxBytes?: number;
  /** Nesting of arrays and objects. Default 64. */
  readonly maxDepth?: number;
  /** Keys in any one object. Default unlimited. */
  readonly maxKeys?: number;
  /** UTF-16 code units of any one string or key. Default unlimited. */
  readonly maxStringLength?: number;
  /** What to do with `__proto__`, `constructor` and `prototype` keys. Default 'drop'. */
  readonly unsafeKeys?: 'drop' | 'reject';
}

export const DEFAULT_JSON_MAX_BYTES = 1024 * 1024;
export const DEFAULT_JSON_MAX_DEPTH = 64;

/** A key that was dropped, with the span of its literal in the text. */
export interface DroppedKey {
  readonly path: JsonPath;
  readonly start: number;
  readonly end: number;
}

/** A string (value or key) met while parsing, with the span of its literal (quotes included). */
export interface JsonString {
  readonly value: string;
  readonly path: JsonPath;
  readonly start: number;
  readonly end: number;
  readonly key: boolean;
}

export interface JsonParseReport {
  readonly value: JsonValue;
  readonly droppedKeys: DroppedKey[];
}

const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

interface Frame {
  readonly array: boolean;
  readonly container: JsonValue[] | JsonObject;
  /** Arrays: index of the element being read. */
  index: number;
  /** Objects: the key whose value is being read. */
  key: string | undefined;
  drop: boolean;
  keys: number;
  readonly seen: Set<string> | undefined;
}

interface Limits {
  readonly maxBytes: number;
  readonly maxDepth: number;
  readonly maxKeys: number;
  readonly maxStringLength: number;
  readonly reject: boolean;
}

function positiveInteger(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new InvalidOptionsError(`Invalid option ${name}: expected a positive integer.`, [name]);
  return value;
}

function resolveLimits(options: JsonLimits): Limits {
  if (options.unsafeKeys !== undefined && options.unsafeKeys !== 'drop' && options.unsafeKeys !== 'reject') {
    throw new InvalidOptionsError("Invalid option unsafeKeys: expected 'drop' or 'reject'.", ['unsafeKeys']);
  }
  return {
    maxBytes: positiveInteger(options.maxBytes, 'maxBytes', DEFAULT_JSON_MAX_BYTES),
    maxDepth: positiveInteger(options.maxDepth, 'maxDepth', DEFAULT_JSON_MAX_DEPTH),
    maxKeys: positiveInteger(options.maxKeys, 'maxKeys', Number.MAX_SAFE_INTEGER),
    maxStringLength: positiveInteger(options.maxStringLength, 'maxStringLength', Number.MAX_SAFE_INTEGER),
    reject: options.unsafeKeys === 'reject',
  };
}

function isJsonSpace(cu: number): boolean {
  return cu === 0x20 || cu === 0x0a || cu === 0x0d || cu === 0x09;
}

function isDigit(cu: number): boolean {
  return cu >= 0x30 && cu <= 0x39;
}

function hexValue(cu: number): number {
  if (cu >= 0x30 && cu <= 0x39) return cu - 0x30;
  const lower = cu | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

const ESCAPES: Readonly<Record<number, string>> = {
  34: '"',
  92: '\\',
  47: '/',
  98: '\b',
  102: '\f',
  110: '\n',
  114: '\r',
  116: '\t',
};

class Parser {
  private i = 0;
  private readonly stack: Frame[] = [];
  readonly dropped: DroppedKey[] = [];

  constructor(
    private readonly text: string,
    private readonly limits: Limits,
    private readonly onString: ((string: JsonString) => void) | undefined,
  ) {}

  /** The path to what is being read now. */
  private path(extra?: string | number): (string | number)[] {
    const path: (string | number)[] = [];
    for (const frame of this.stack) {
      if (frame.array) path.push(frame.index);
      else if (frame.key !== undefined) path.push(frame.key);
    }
    if (extra !== undefined) path.push(extra);
    return path;
  }

  private fail(problem: string, at = this.i, extra?: string | number): never {
    const path = this.path(extra);
    const where = at >= this.text.length ? 'at the end of the text' : `at offset ${at}`;
    throw new StructuredOutputError(
      'ERR_OUTPUT_INVALID_JSON',
      `Invalid JSON ${where} (${formatPath(path)}): ${problem}.`,
      path,
      at,
    );
  }

  private skipSpace(): void {
    const text = this.text;
    while (this.i < text.length && isJsonSpace(text.charCodeAt(this.i))) this.i++;
  }

  private expect(cu: number, what: string): void {
    if (this.text.charCodeAt(this.i) !== cu) this.fail(`expected ${what}`);
    this.i++;
  }

  private readString(extra?: string | number): string {
    const text = this.text;
    const start = this.i;
    let j = start + 1;
    let out = '';
    let from = j;
    for (;;) {
      if (j >= text.length) this.fail('unterminated string', start, extra);
      const cu = text.charCodeAt(j);
      if (cu === 0x22) break;
      if (cu < 0x20) this.fail('unescaped control character in a string', j, extra);
      if (cu === 0x5c) {
        out += text.slice(from, j);
        const e = text.charCodeAt(j + 1);
        const simple = ESCAPES[e];
        if (simple !== undefined) {
          out += simple;
          j += 2;
        } else if (e === 0x75) {
          let code = 0;
          for (let k = j + 2; k < j + 6; k++) {
            const v = hexValue(text.charCodeAt(k));
            if (v < 0) this.fail('invalid \\u escape', j, extra);
            code = code * 16 + v;
          }
          out += String.fromCharCode(code);
          j += 6;
        } else this.fail('invalid escape', j, extra);
        from = j;
      } else j++;
      if (out.length + (j - from) > this.limits.maxStringLength) {
        const path = this.path(extra);
        throw new StructuredOutputError(
          'ERR_OUTPUT_TOO_LARGE',
          `A string at ${formatPath(path)} is longer than ${this.limits.maxStringLength} characters (option maxStringLength).`,
          path,
          start,
        );
      }
    }
    out += text.slice(from, j);
    this.i = j + 1;
    return out;
  }

  private readNumber(): number {
    const text = this.text;
    const start = this.i;
    let j = start;
    if (text.charCodeAt(j) === 0x2d) j++;
    if (text.charCodeAt(j) === 0x30) j++;
    else if (isDigit(text.charCodeAt(j))) while (isDigit(text.charCodeAt(j))) j++;
    else this.fail('invalid number', j);
    if (text.charCodeAt(j) === 0x2e) {
      j++;
      if (!isDigit(text.charCodeAt(j))) this.fail('invalid number', j);
      while (isDigit(text.charCodeAt(j))) j++;
    }
    if ((text.charCodeAt(j) | 0x20) === 0x65) {
      j++;
      if (text.charCodeAt(j) === 0x2b || text.charCodeAt(j) === 0x2d) j++;
      if (!isDigit(text.charCodeAt(j))) this.fail('invalid number', j);
      while (isDigit(text.charCodeAt(j))) j++;
    }
    const value = Number(text.slice(start, j));
    if (!Number.isFinite(value)) this.fail('number out of range', start);
    this.i = j;
    return value;
  }

  private readLiteral(word: string, value: JsonValue): JsonValue {
    if (!this.text.startsWith(word, this.i)) this.fail('unexpected character');
    this.i += word.length;
    return value;
  }

  /** Reads `"key"` `:` into the object frame on top. */
  private readKey(frame: Frame): void {
    if (this.text.charCodeAt(this.i) !== 0x22) this.fail('expected a string key');
    const start = this.i;
    frame.key = undefined;
    const key = this.readString();
    const end = this.i;
    if (frame.seen!.has(key)) this.fail('duplicate key', start, key);
    frame.seen!.add(key);
    frame.keys++;
    if (frame.keys > this.limits.maxKeys) {
      const path = this.path();
      throw new StructuredOutputError(
        'ERR_OUTPUT_TOO_LARGE',
        `An object at ${formatPath(path)} has more than ${this.limits.maxKeys} keys (option maxKeys).`,
        path,
        start,
      );
    }
    frame.key = key;
    frame.drop = UNSAFE_KEYS.has(key);
    if (frame.drop) {
      if (this.limits.reject) this.fail('a __proto__, constructor or prototype key is not allowed', start);
      this.dropped.push({ path: this.path(), start, end });
    }
    if (this.onString !== undefined) this.onString({ value: key, path: this.path(), start, end, key: true });
    this.skipSpace();
    this.expect(0x3a, "':' after a key");
    this.skipSpace();
  }

  private open(array: boolean): Frame | undefined {
    if (this.stack.length >= this.limits.maxDepth) {
      const path = this.path();
      throw new StructuredOutputError(
        'ERR_OUTPUT_TOO_DEEP',
        `The JSON nests deeper than ${this.limits.maxDepth} levels at ${formatPath(path)} (option maxDepth).`,
        path,
        this.i,
      );
    }
    this.i++;
    const frame: Frame = array
      ? { array, container: [], index: 0, key: undefined, drop: false, keys: 0, seen: undefined }
      : {
          array,
          container: Object.create(null) as JsonObject,
          index: 0,
          key: undefined,
          drop: false,
          keys: 0,
          seen: new Set(),
        };
    this.stack.push(frame);
    this.skipSpace();
    const close = array ? 0x5d : 0x7d;
    if (this.text.charCodeAt(this.i) === close) {
      this.i++;
      this.stack.pop();
      return frame;
    }
    if (!array) this.readKey(frame);
    return undefined;
  }

  parse(): JsonValue {
    const text = this.text;
    this.skipSpace();
    for (;;) {
      // Read one value; containers push a frame and loop for their first element.
      let value: JsonValue;
      const cu = text.charCodeAt(this.i);
      if (cu === 0x7b || cu === 0x5b) {
        const empty = this.open(cu === 0x5b);
        if (empty === undefined) continue;
        value = empty.container;
      } else if (cu === 0x22) {
        const start = this.i;
        value = this.readString();
        if (this.onString !== undefined)
          this.onString({ value, path: this.path(), start, end: this.i, key: false });
      } else if (cu === 0x2d || isDigit(cu)) value = this.readNumber();
      else if (cu === 0x74) value = this.readLiteral('true', true);
      else if (cu === 0x66) value = this.readLiteral('false', false);
      else if (cu === 0x6e) value = this.readLiteral('null', null);
      else if (cu === 0x5d || cu === 0x7d) this.fail('a value is missing (trailing comma?)');
      else this.fail(this.i >= text.length ? 'unexpected end of the text' : 'unexpected character');
      // Attach it and close every container that ends here.
      for (;;) {
        const frame = this.stack[this.stack.length - 1];
        if (frame === undefined) {
          this.skipSpace();
          if (this.i < text.length) this.fail('unexpected data after the JSON value');
          return value;
        }
        if (frame.array) (frame.container as JsonValue[]).push(value);
        else if (!frame.drop) (frame.container as JsonObject)[frame.key!] = value;
        this.skipSpace();
        const next = text.charCodeAt(this.i);
        if (next === 0x2c) {
          this.i++;
          this.skipSpace();
          if (frame.array) frame.index++;
          else this.readKey(frame);
          break;
        }
        if (next === (frame.array ? 0x5d : 0x7d)) {
          this.i++;
          this.stack.pop();
          value = frame.container;
          continue;
        }
        this.fail(frame.array ? "expected ',' or ']'" : "expected ',' or '}'");
      }
    }
  }
}

function checkSize(text: string, maxBytes: number): void {
  if (text.length * 3 <= maxBytes) return;
  const bytes = text.length > maxBytes ? text.length : Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    throw new StructuredOutputError(
      'ERR_OUTPUT_TOO_LARGE',
      `The output is larger than ${maxBytes} bytes (option maxBytes).`,
      [],
    );
  }
}

/**
 * Parses strict JSON and reports the keys it dropped. `onString` sees every string value and
 * key with its path and the span of its literal.
 */
export function parseJsonWithReport(
  text: string,
  options: JsonLimits = {},
  onString?: (string: JsonString) => void,
): JsonParseReport {
  if (typeof text !== 'string') throw new InvalidInputError('Expected the output text as a string.');
  const limits = resolveLimits(options);
  checkSize(text, limits.maxBytes);
  const parser = new Parser(text, limits, onString);
  const value = parser.parse();
  return { value, droppedKeys: parser.dropped };
}

/**
 * Parses strict JSON from untrusted output. Throws `StructuredOutputError` with code
 * `ERR_OUTPUT_INVALID_JSON`, `ERR_OUTPUT_TOO_DEEP` or `ERR_OUTPUT_TOO_LARGE` and the JSON path;
 * never evaluates anything, never lets a key reach a prototype.
 */
export function parseJsonStrict(text: string, options: JsonLimits = {}): JsonValue {
  return parseJsonWithReport(text, options).value;
}

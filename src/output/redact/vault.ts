import { randomBytes } from 'node:crypto';

/**
 * A request-scoped token vault (control C19): the model sees `[EMAIL_ADDRESS:tok_…]`, a tool
 * receives the real value through `detokenize`. Values live only in this object's closure, tokens
 * are random (80 bits) and unique to the vault, so a token minted in one request never resolves in
 * another, and `dispose()` forgets every value.
 */
export interface Vault {
  /** A token for `value`; the same value and label always get the same token in this vault. */
  tokenize(value: string, label: string): string;
  /** Replaces this vault's tokens in `text` by their values; unknown tokens are left as they are. */
  detokenize(text: string): string;
  /** `detokenize` applied to every string inside a JSON-like value (tool arguments). */
  detokenizeDeep<T>(value: T): T;
  /** The value behind one exact token, or undefined. */
  reveal(token: string): string | undefined;
  /** Number of distinct values held. */
  readonly size: number;
  /** True after `dispose()`. */
  readonly disposed: boolean;
  /** Forgets every value; later calls to tokenize/detokenize throw. */
  dispose(): void;
}

/** Random part: 16 characters of lower-case base32 = 80 bits from the CSPRNG. */
const RANDOM_CHARS = 16;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const TOKEN_PREFIX = ':tok_';
const MAX_LABEL = 40;

function randomId(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.slice(0, RANDOM_CHARS);
}

function isLabelChar(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

function isIdChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 50 && code <= 55);
}

/** Labels become part of the token: upper-case letters, digits and '_' only. */
export function tokenLabel(label: string): string {
  let out = '';
  for (const ch of label.toUpperCase()) {
    if (out.length >= MAX_LABEL) break;
    out += isLabelChar(ch.charCodeAt(0)) ? ch : '_';
  }
  return out.length > 0 ? out : 'PII';
}

/**
 * Finds every well-formed token `[LABEL:tok_xxxxxxxxxxxxxxxx]` in `text` with a linear scan and
 * hands it to `replace`, which returns the replacement or undefined to keep the token.
 */
export function replaceTokens(text: string, replace: (token: string) => string | undefined): string {
  let out = '';
  let copied = 0;
  let i = text.indexOf('[');
  while (i >= 0) {
    let j = i + 1;
    while (j < text.length && j - i <= MAX_LABEL && isLabelChar(text.charCodeAt(j))) j++;
    let end = -1;
    if (j > i + 1 && text.startsWith(TOKEN_PREFIX, j)) {
      let k = j + TOKEN_PREFIX.length;
      const idStart = k;
      while (k < text.length && k - idStart < RANDOM_CHARS && isIdChar(text.charCodeAt(k))) k++;
      if (k - idStart === RANDOM_CHARS && text[k] === ']') end = k + 1;
    }
    if (end > 0) {
      const replacement = replace(text.slice(i, end));
      if (replacement !== undefined) {
        out += text.slice(copied, i) + replacement;
        copied = end;
      }
      i = text.indexOf('[', end);
    } else {
      i = text.indexOf('[', i + 1);
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Creates an empty vault. Create one per request (or per conversation turn) and dispose it after. */
export function createVault(): Vault {
  let byToken = new Map<string, string>();
  let byValue = new Map<string, string>();
  let disposed = false;

  const ensureOpen = (): void => {
    if (disposed) throw new Error('vault disposed: tokens of this request can no longer be used');
  };

  const detokenize = (text: string): string => {
    ensureOpen();
    if (byToken.size === 0) return text;
    return replaceTokens(text, (token) => byToken.get(token));
  };

  const deep = (value: unknown, depth: number): unknown => {
    if (depth > 64) throw new RangeError('value nested too deeply to detokenize');
    if (typeof value === 'string') return detokenize(value);
    if (Array.isArray(value)) return value.map((item) => deep(item, depth + 1));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = deep(item, depth + 1);
      return out;
    }
    return value;
  };

  const vault: Vault = {
    tokenize(value, label) {
      ensureOpen();
      const name = tokenLabel(label);
      const key = `${name}\u0000${value}`;
      const existing = byValue.get(key);
      if (existing) return existing;
      let token = '';
      do token = `[${name}${TOKEN_PREFIX}${randomId()}]`;
      while (byToken.has(token));
      byToken.set(token, value);
      byValue.set(key, token);
      return token;
    },
    detokenize,
    detokenizeDeep<T>(value: T): T {
      ensureOpen();
      return deep(value, 0) as T;
    },
    reveal(token) {
      ensureOpen();
      return byToken.get(token);
    },
    get size() {
      return byToken.size;
    },
    get disposed() {
      return disposed;
    },
    dispose() {
      byToken.clear();
      byValue.clear();
      byToken = new Map();
      byValue = new Map();
      disposed = true;
    },
  };
  return Object.freeze(vault);
}

import { createHmac } from 'node:crypto';
import { type OutputMatch, REDACTION_MODES, type RedactionMode } from '../types.js';
import { resolveOverlaps } from './resolve.js';
import { tokenLabel, type Vault } from './vault.js';

export interface RedactOptions {
  readonly mode: RedactionMode;
  /**
   * Deployment secret for `hash` mode (at least 16 bytes). The same key gives the same pseudonym
   * for the same value, so one conversation stays readable; without the key the pseudonyms cannot
   * be recomputed from guessed values.
   */
  readonly key?: string | Uint8Array;
  /** Request-scoped vault for `tokenize` mode (see `createVault`). */
  readonly vault?: Vault;
}

/** What replaced one match. Never contains the original value, so it can be logged. */
export interface Replacement {
  readonly type: string;
  readonly label: string;
  /** The replaced range in the input. */
  readonly start: number;
  readonly end: number;
  /** The replacement's range in the output. */
  readonly outputStart: number;
  readonly outputEnd: number;
  readonly replacement: string;
}

export interface RedactResult {
  readonly text: string;
  readonly replacements: readonly Replacement[];
}

export const MIN_KEY_BYTES = 16;
const PSEUDONYM_HEX = 8;

/** Labels whose values are compared without separators and case ("4111 1111…" = "4111-1111…"). */
const COMPACT_LABELS = new Set(['CREDIT_CARD', 'PHONE_NUMBER', 'US_SSN', 'IBAN_CODE']);
const CASELESS_LABELS = new Set(['EMAIL_ADDRESS', 'IP_ADDRESS']);

/** The form of a value that is hashed: equal values written differently get one pseudonym. */
export function canonicalValue(label: string, value: string): string {
  if (COMPACT_LABELS.has(label)) {
    let out = '';
    for (const ch of value) {
      const code = ch.charCodeAt(0);
      if (
        (code >= 48 && code <= 57) ||
        (code >= 65 && code <= 90) ||
        (code >= 97 && code <= 122) ||
        ch === '+'
      ) {
        out += ch;
      }
    }
    return out.toUpperCase();
  }
  if (CASELESS_LABELS.has(label)) return value.trim().toLowerCase();
  return collapseSpaces(value);
}

/** Trims and turns every run of whitespace into one space (a loop, no regular expression). */
function collapseSpaces(value: string): string {
  let out = '';
  let pendingSpace = false;
  for (const ch of value) {
    if (ch.trim() === '') {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += ch;
  }
  return out;
}

function keyBytes(key: string | Uint8Array | undefined): Uint8Array {
  if (key === undefined) throw new TypeError("redact: mode 'hash' needs a key (a deployment secret)");
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  if (bytes.length < MIN_KEY_BYTES) {
    throw new RangeError(`redact: the hash key must be at least ${MIN_KEY_BYTES} bytes`);
  }
  return bytes;
}

/** `[LABEL:3f9a1c2b]`: the first 32 bits of HMAC-SHA256(key, label NUL canonical value). */
export function pseudonym(value: string, label: string, key: string | Uint8Array): string {
  const name = tokenLabel(label);
  const mac = createHmac('sha256', keyBytes(key))
    .update(`${name}\u0000${canonicalValue(name, value)}`)
    .digest('hex');
  return `[${name}:${mac.slice(0, PSEUDONYM_HEX)}]`;
}

function checkMatches(text: string, matches: readonly OutputMatch[]): void {
  for (const match of matches) {
    if (
      !Number.isInteger(match.start) ||
      !Number.isInteger(match.end) ||
      match.start < 0 ||
      match.end > text.length ||
      match.start > match.end
    ) {
      throw new RangeError(`redact: match ${match.type} [${match.start}, ${match.end}) is outside the text`);
    }
  }
}

/**
 * Replaces matched values (control C19/C23). Overlapping matches are resolved first: the most
 * confident wins, then the longest. Modes:
 * - `mask`: `[EMAIL_ADDRESS]`;
 * - `hash`: `[EMAIL_ADDRESS:3f9a1c2b]`, a keyed pseudonym stable for one key;
 * - `remove`: the value is deleted;
 * - `tokenize`: `[EMAIL_ADDRESS:tok_…]` from `options.vault`, reversible only through that vault.
 * Throws (fails closed) on an unknown mode, a missing or short key, a missing vault, or a match
 * outside the text.
 */
export function redact(text: string, matches: readonly OutputMatch[], options: RedactOptions): RedactResult {
  const mode: RedactionMode = options.mode;
  if (!REDACTION_MODES.includes(mode)) throw new TypeError(`redact: unknown mode ${String(mode)}`);
  if (mode === 'hash') keyBytes(options.key);
  if (mode === 'tokenize' && !options.vault) throw new TypeError("redact: mode 'tokenize' needs a vault");
  checkMatches(text, matches);

  const replacements: Replacement[] = [];
  let out = '';
  let copied = 0;
  for (const match of resolveOverlaps(matches)) {
    const value = text.slice(match.start, match.end);
    const label = tokenLabel(match.label);
    let replacement: string;
    switch (mode) {
      case 'mask':
        replacement = `[${label}]`;
        break;
      case 'hash':
        replacement = pseudonym(value, label, options.key!);
        break;
      case 'remove':
        replacement = '';
        break;
      case 'tokenize':
        replacement = options.vault!.tokenize(value, label);
        break;
    }
    out += text.slice(copied, match.start);
    const outputStart = out.length;
    out += replacement;
    replacements.push({
      type: match.type,
      label,
      start: match.start,
      end: match.end,
      outputStart,
      outputEnd: out.length,
      replacement,
    });
    copied = match.end;
  }
  out += text.slice(copied);
  return { text: out, replacements };
}

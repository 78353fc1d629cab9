import { BASE64, EQUALS, isIn } from '../chars.js';
import { looksRandom } from '../entropy.js';
import type { AnchoredDetector, Emit } from '../types.js';

const BEGIN = '-----BEGIN ';
const END = '-----END ';
const DASHES = '-----';
const MAX_LABEL = 48;
const MAX_BODY = 65536;

type KeyKind = 'der' | 'openssh' | 'pgp' | 'encrypted';

/** Labels of private keys (RFC 7468, OpenSSH, OpenPGP armor) and how their body is checked. */
const LABELS: ReadonlyMap<string, KeyKind> = new Map([
  ['PRIVATE KEY', 'der'],
  ['RSA PRIVATE KEY', 'der'],
  ['EC PRIVATE KEY', 'der'],
  ['DSA PRIVATE KEY', 'der'],
  ['ANY PRIVATE KEY', 'der'],
  ['OPENSSH PRIVATE KEY', 'openssh'],
  ['ENCRYPTED PRIVATE KEY', 'encrypted'],
  ['SSH2 ENCRYPTED PRIVATE KEY', 'encrypted'],
  ['PGP PRIVATE KEY BLOCK', 'pgp'],
]);

/** base64("openssh-key-v1"), the start of every OpenSSH private key. */
const OPENSSH_MAGIC = 'b3BlbnNzaC1rZXktdjE';
const ENCRYPTED_HEADER = 'Proc-Type: 4,ENCRYPTED';

interface BodyStats {
  /** Start of the first run of 16+ base64 characters, or -1. */
  readonly firstRun: number;
  /** All characters in runs of 16+ base64 characters, concatenated (the key material). */
  readonly material: string;
  readonly ellipsis: boolean;
}

/**
 * Reads the key material of a body, skipping what wraps it in source code and logs: line breaks,
 * escaped `\n`/`\r`/`\t`, quotes, `+` concatenation between quotes, comment leaders and log
 * prefixes. Runs shorter than 16 characters (timestamps, `Version:` headers) are ignored.
 */
function readBody(text: string, start: number, end: number): BodyStats {
  let firstRun = -1;
  const parts: string[] = [];
  let ellipsis = false;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      // Backslash escapes: \n \r \t and doubled backslashes.
      i++;
      while (i < end && text.charCodeAt(i) === 92) i++;
      const e = text.charCodeAt(i);
      if (e === 110 || e === 114 || e === 116) i++;
      continue;
    }
    if (c === 46 && text.charCodeAt(i + 1) === 46 && text.charCodeAt(i + 2) === 46) ellipsis = true;
    if (c === 0x2026) ellipsis = true;
    if (!isIn(c, BASE64 | EQUALS)) {
      i++;
      continue;
    }
    const runStart = i;
    while (i < end && isIn(text.charCodeAt(i), BASE64 | EQUALS)) i++;
    if (i - runStart >= 16) {
      if (firstRun < 0) firstRun = runStart;
      parts.push(text.slice(runStart, i));
    }
  }
  return { firstRun, material: parts.join(''), ellipsis };
}

/** Confidence for a body of the given kind, or 0 to drop it. */
function judge(kind: KeyKind, text: string, body: BodyStats, encryptedHeader: boolean): number {
  const n = body.material.length;
  if (body.firstRun < 0 || body.ellipsis || n < 64) return 0;
  const random = looksRandom(body.material, 0, Math.min(n, 4096), 64);
  if (kind === 'encrypted' || encryptedHeader) return random ? 0.4 : 0;
  if (kind === 'openssh') return text.startsWith(OPENSSH_MAGIC, body.firstRun) ? 0.95 : 0;
  if (kind === 'pgp') return n >= 200 && random ? 0.85 : 0;
  // DER: a SEQUENCE (0x30) encodes to a leading `M`.
  if (text.charCodeAt(body.firstRun) === 77 && random) return 0.95;
  return n >= 200 && random ? 0.6 : 0;
}

/** `text.indexOf(needle, from)` restricted to matches that end by `limit`. */
function indexWithin(text: string, needle: string, from: number, limit: number): number {
  const stop = Math.min(limit, text.length) - needle.length;
  for (let i = from; i <= stop; i++) if (text.startsWith(needle, i)) return i;
  return -1;
}

/**
 * The next `-----END ` at or after a position. Anchors arrive in text order, so remembering the
 * last answer makes all lookups of one scan a single left-to-right pass.
 */
let endCache = { from: Number.POSITIVE_INFINITY, at: -1 };

function nextEnd(text: string, from: number): number {
  if (endCache.at === -1 && endCache.from <= from) return -1;
  if (endCache.at >= from && endCache.from <= from) return endCache.at;
  endCache = { from, at: text.indexOf(END, from) };
  return endCache.at;
}

function detect(text: string, start: number, emit: Emit): void {
  const labelStart = start + BEGIN.length;
  const labelEnd = indexWithin(text, DASHES, labelStart, labelStart + MAX_LABEL + DASHES.length);
  if (labelEnd < 0) return;
  const kind = LABELS.get(text.slice(labelStart, labelEnd));
  if (!kind) return;
  const bodyStart = labelEnd + DASHES.length;
  const endAt = nextEnd(text, bodyStart);
  if (endAt < 0 || endAt - bodyStart > MAX_BODY) return;
  // Another BEGIN before the END means this block is unterminated. Bodies of accepted blocks
  // therefore never overlap, which keeps the scan linear.
  if (indexWithin(text, BEGIN, bodyStart, endAt) >= 0) return;
  const endLabelStart = endAt + END.length;
  const endLabelEnd = indexWithin(text, DASHES, endLabelStart, endLabelStart + MAX_LABEL + DASHES.length);
  const end = endLabelEnd >= 0 ? endLabelEnd + DASHES.length : endAt;
  const encryptedHeader =
    indexWithin(text, ENCRYPTED_HEADER, bodyStart, Math.min(endAt, bodyStart + 256)) >= 0;
  const body = readBody(text, bodyStart, endAt);
  const confidence = judge(kind, text, body, encryptedHeader);
  if (confidence > 0) emit({ detector: 'private-key', start, end, confidence, value: body.material });
}

/** PEM (PKCS#1, PKCS#8, SEC1), OpenSSH and PGP private keys between BEGIN and END lines. */
export const privateKeyDetector: AnchoredDetector = {
  name: 'private-key',
  anchors: [{ pattern: BEGIN }],
  begin() {
    endCache = { from: Number.POSITIVE_INFINITY, at: -1 };
  },
  onAnchor(text, start, _anchor, emit) {
    detect(text, start, emit);
  },
};

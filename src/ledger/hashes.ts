import * as crypto from 'node:crypto';

/** RFC 6962 §2.1 domain separation prefixes, plus one of our own for the hash chain. */
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;
const CHAIN_PREFIX = 0x02;

export const HASH_BYTES = 32;

// crypto.hash (Node ≥ 20.12) skips the Hash object; older Node 20 releases fall back to createHash.
const digest: (data: Uint8Array) => Buffer =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data, 'buffer')
    : (data) => crypto.createHash('sha256').update(data).digest();

/** SHA-256 of the concatenation of the parts. */
export function sha256(...parts: Uint8Array[]): Buffer {
  if (parts.length === 1) return digest(parts[0]!);
  const hash = crypto.createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function prefixed(prefix: number, a: Uint8Array, b?: Uint8Array): Buffer {
  const buffer = Buffer.allocUnsafe(1 + a.length + (b?.length ?? 0));
  buffer[0] = prefix;
  buffer.set(a, 1);
  if (b !== undefined) buffer.set(b, 1 + a.length);
  return digest(buffer);
}

/** leafHash of the UTF-8 encoding of a string, encoded straight after the prefix byte. */
export function leafHashOfText(text: string): Buffer {
  // UTF-8 takes at most 3 bytes per UTF-16 code unit; `write` says how many it used.
  const buffer = Buffer.allocUnsafe(1 + 3 * text.length);
  buffer[0] = LEAF_PREFIX;
  const written = buffer.write(text, 1, 'utf8');
  return digest(buffer.subarray(0, 1 + written));
}

/** RFC 6962 leaf hash: SHA-256(0x00 || data). */
export function leafHash(data: Uint8Array): Buffer {
  return prefixed(LEAF_PREFIX, data);
}

/** RFC 6962 interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return prefixed(NODE_PREFIX, left, right);
}

/** The root of the empty tree: SHA-256 of the empty string (RFC 6962 §2.1). */
export const EMPTY_TREE_ROOT: Buffer = digest(new Uint8Array(0));

/** The chain hash before the first event. */
export const GENESIS_CHAIN_HASH: Buffer = Buffer.alloc(HASH_BYTES);

/** Link of the hash chain: SHA-256(0x02 || previous chain hash || leaf hash). */
export function nextChainHash(previous: Uint8Array, leaf: Uint8Array): Buffer {
  return prefixed(CHAIN_PREFIX, previous, leaf);
}

/** Equality of two byte strings (lengths must match too). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  // Hashes are short: a plain loop beats a call into Buffer.compare. (Not constant-time: nothing
  // compared here is secret.)
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const HEX_HASH = /^[0-9a-f]{64}$/;

/** A lowercase 64-digit hex SHA-256 as bytes, or undefined when it is not one. */
export function hashFromHex(hex: string): Buffer | undefined {
  return HEX_HASH.test(hex) ? Buffer.from(hex, 'hex') : undefined;
}

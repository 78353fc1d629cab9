import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { z } from 'zod';
import { MaestroError } from '../errors/index.js';
import { canonicalJson } from './canonicalJson.js';
import { EVENT_LIMITS, HEX_SHA256, identifierSchema, isIsoUtcMs } from './eventSchema.js';
import { safePath } from './ledgerErrors.js';
import { KEY_ID_PATTERN, keyIdOf, type LedgerSigner, type PublicKeyLookup } from './signer.js';

/**
 * A signed statement, per tenant: "my log had `treeSize` events, with this Merkle root and this
 * chain hash, at `time`". Heads are numbered 0, 1, 2… so a dropped one leaves a gap.
 */
export interface SignedTreeHead {
  v: 1;
  tenantId: string;
  index: number;
  treeSize: number;
  /** Lowercase hex Merkle root (RFC 6962) of the first `treeSize` events. */
  rootHash: string;
  /** Lowercase hex chain hash after event `treeSize - 1` (the genesis hash for an empty log). */
  chainHash: string;
  /** ISO-8601 UTC with milliseconds. */
  time: string;
  keyId: string;
  /** Base64 Ed25519 signature of `treeHeadSigningInput`. */
  signature: string;
}

export type UnsignedTreeHead = Omit<SignedTreeHead, 'v' | 'keyId' | 'signature'>;

/** Domain separation: a signature over a head can never be replayed as a signature over anything else. */
export const TREE_HEAD_SIGNING_CONTEXT = 'maestro-ledger-tree-head-v1\n';

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const hash = z.string().regex(HEX_SHA256);

const headFields = {
  v: z.literal(1),
  tenantId: identifierSchema(EVENT_LIMITS.tenantId),
  index: count,
  treeSize: count,
  rootHash: hash,
  chainHash: hash,
  time: z.string().refine(isIsoUtcMs, 'expected an ISO-8601 UTC time with milliseconds'),
  keyId: z.string().regex(KEY_ID_PATTERN),
};

export const signedTreeHeadSchema = z.strictObject({
  ...headFields,
  // Canonical base64 only: unused trailing bits could otherwise change without breaking the signature.
  signature: z
    .string()
    .regex(/^[A-Za-z0-9+/]{86}==$/)
    .refine((s) => Buffer.from(s, 'base64').toString('base64') === s, 'expected canonical base64'),
});

const unsignedTreeHeadSchema = z.strictObject(headFields);

/** The exact bytes an Ed25519 signature of a head covers: context line + canonical JSON of all but the signature. */
export function treeHeadSigningInput(head: Omit<SignedTreeHead, 'signature'>): Buffer {
  const { v, tenantId, index, treeSize, rootHash, chainHash, time, keyId } = head;
  const body = canonicalJson({ v, tenantId, index, treeSize, rootHash, chainHash, time, keyId });
  return Buffer.from(`${TREE_HEAD_SIGNING_CONTEXT}${body}`, 'utf8');
}

/**
 * Signs a head with the signer's key.
 * @throws MaestroError ERR_LEDGER_INVALID_EVENT when a field is malformed (a writer bug).
 */
export function signTreeHead(head: UnsignedTreeHead, signer: LedgerSigner): SignedTreeHead {
  const unsigned = {
    v: 1 as const,
    tenantId: head.tenantId,
    index: head.index,
    treeSize: head.treeSize,
    rootHash: head.rootHash,
    chainHash: head.chainHash,
    time: head.time,
    keyId: signer.keyId,
  };
  const parsed = unsignedTreeHeadSchema.safeParse(unsigned);
  if (!parsed.success) {
    const path = safePath(parsed.error.issues[0]?.path ?? []);
    throw new MaestroError('ERR_LEDGER_INVALID_EVENT', {
      message: `Invalid tree head at ${path.join('.') || 'the head'}: ${parsed.error.issues[0]?.message ?? 'not valid'}.`,
      path,
    });
  }
  const signature = signer.sign(treeHeadSigningInput(unsigned)).toString('base64');
  return { ...unsigned, signature };
}

export type HeadCheck = 'ok' | 'malformed' | 'unknown_key' | 'bad_signature';

/**
 * Checks heads against trusted keys, parsing each key once. A key is used only if its key id is
 * the one the head names, so a lookup that returns the wrong key cannot vouch for a head.
 */
export function createHeadChecker(keys: PublicKeyLookup): (head: unknown) => HeadCheck {
  const cache = new Map<string, KeyObject | null>();
  const keyFor = (keyId: string): KeyObject | null => {
    let key = cache.get(keyId);
    if (key === undefined) {
      key = null;
      const pem = keys(keyId);
      if (pem !== undefined) {
        try {
          if (keyIdOf(pem) === keyId) key = createPublicKey(pem);
        } catch {
          key = null;
        }
      }
      cache.set(keyId, key);
    }
    return key;
  };
  return (head) => {
    const parsed = signedTreeHeadSchema.safeParse(head);
    if (!parsed.success) return 'malformed';
    const key = keyFor(parsed.data.keyId);
    if (key === null) return 'unknown_key';
    const signature = Buffer.from(parsed.data.signature, 'base64');
    return verify(null, treeHeadSigningInput(parsed.data), key, signature) ? 'ok' : 'bad_signature';
  };
}

/** True when the head is well-formed and signed by the trusted key it names. */
export function verifyTreeHeadSignature(head: SignedTreeHead, keys: PublicKeyLookup): boolean {
  return createHeadChecker(keys)(head) === 'ok';
}

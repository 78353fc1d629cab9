import { z } from 'zod';
import { MaestroError } from '../errors/index.js';
import { eventLeafHash } from './buildRiskEvent.js';
import { type RiskEvent, riskEventSchema } from './eventSchema.js';
import { bytesEqual } from './hashes.js';
import { LedgerTamperedError, safePath } from './ledgerErrors.js';
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from './merkle.js';
import { keyIdOf, type PublicKeyLookup } from './signer.js';
import { createHeadChecker, type HeadCheck, type SignedTreeHead, signedTreeHeadSchema } from './treeHead.js';

/** Everything an outsider needs, besides the public key, to check that an event is in the log. */
export interface InclusionProofBundle {
  v: 1;
  event: RiskEvent;
  leafIndex: number;
  treeSize: number;
  /** Hex sibling hashes from the leaf up (RFC 6962 PATH). */
  auditPath: string[];
  head: SignedTreeHead;
  /** For convenience only: a checker must use a key it obtained independently. */
  publicKeyPem?: string;
}

/** Two signed heads and the RFC 6962 proof that the newer tree extends the older one. */
export interface ConsistencyProofBundle {
  v: 1;
  oldHead: SignedTreeHead;
  newHead: SignedTreeHead;
  proof: string[];
}

export type ProofCheck = { ok: true } | { ok: false; reason: string };

const hexHash = z.string().regex(/^[0-9a-f]{64}$/);
const path = z.array(hexHash).max(64);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const inclusionProofBundleSchema = z.strictObject({
  v: z.literal(1),
  event: riskEventSchema,
  leafIndex: count,
  treeSize: count,
  auditPath: path,
  head: signedTreeHeadSchema,
  publicKeyPem: z.string().max(4096).optional(),
});

export const consistencyProofBundleSchema = z.strictObject({
  v: z.literal(1),
  oldHead: signedTreeHeadSchema,
  newHead: signedTreeHeadSchema,
  proof: path,
});

const hexToBytes = (hex: string): Buffer => Buffer.from(hex, 'hex');
const notFound = (message: string) => new MaestroError('ERR_LEDGER_NOT_FOUND', { message });

function malformed(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey> }>): ProofCheck {
  const where = safePath(issues[0]?.path ?? []).join('.');
  return { ok: false, reason: `The bundle is malformed${where ? ` at ${where}` : ''}.` };
}

const HEAD_REASONS: Record<Exclude<HeadCheck, 'ok'>, string> = {
  malformed: 'is malformed',
  unknown_key: 'is signed with a key that is not trusted',
  bad_signature: 'has a signature that does not verify',
};

/**
 * The inclusion proof of `event` (leaf `event.seq`) in the tree of `head`.
 * @param leaves the tenant's leaf hashes, at least `head.treeSize` of them.
 * @throws MaestroError ERR_LEDGER_NOT_FOUND when the head does not cover the event,
 *   ERR_LEDGER_TAMPERED when the leaves do not match the event or the head.
 */
export function buildInclusionProof(
  event: RiskEvent,
  leaves: readonly Uint8Array[],
  head: SignedTreeHead,
  publicKeyPem?: string,
): InclusionProofBundle {
  if (event.tenantId !== head.tenantId)
    throw notFound('The event and the tree head belong to different tenants.');
  if (event.seq >= head.treeSize) throw notFound('The tree head does not cover the event yet.');
  if (head.treeSize > leaves.length) throw notFound('Fewer leaves were given than the tree head covers.');
  const leaf = eventLeafHash(event);
  if (!bytesEqual(leaf, leaves[event.seq]!)) {
    throw new LedgerTamperedError('The stored leaf hash does not match the event.');
  }
  const auditPath = inclusionProof(leaves, event.seq, head.treeSize);
  if (!verifyInclusion(leaf, event.seq, head.treeSize, auditPath, hexToBytes(head.rootHash))) {
    throw new LedgerTamperedError("The leaves do not produce the tree head's root.");
  }
  return {
    v: 1,
    event,
    leafIndex: event.seq,
    treeSize: head.treeSize,
    auditPath: auditPath.map((node) => node.toString('hex')),
    head,
    ...(publicKeyPem !== undefined && { publicKeyPem }),
  };
}

/**
 * Checks an inclusion proof with nothing but the public key: the head's signature, then the
 * event's leaf hash recomputed from its content, then the audit path up to the signed root.
 * The bundle's own `publicKeyPem` is never trusted.
 */
export function checkInclusionProof(bundle: unknown, publicKeyPem: string): ProofCheck {
  const parsed = inclusionProofBundleSchema.safeParse(bundle);
  if (!parsed.success) return malformed(parsed.error.issues);
  const { event, head, leafIndex, treeSize, auditPath } = parsed.data;
  let keyId: string;
  try {
    keyId = keyIdOf(publicKeyPem);
  } catch {
    return { ok: false, reason: 'The given public key is not an Ed25519 key.' };
  }
  if (head.keyId !== keyId) {
    return { ok: false, reason: `The tree head names key ${head.keyId}, not the given key ${keyId}.` };
  }
  const verdict = createHeadChecker((id) => (id === keyId ? publicKeyPem : undefined))(head);
  if (verdict !== 'ok') return { ok: false, reason: `The tree head ${HEAD_REASONS[verdict]}.` };
  if (event.tenantId !== head.tenantId) {
    return { ok: false, reason: 'The event and the tree head belong to different tenants.' };
  }
  if (leafIndex !== event.seq) return { ok: false, reason: "The leaf index is not the event's seq." };
  if (treeSize !== head.treeSize) return { ok: false, reason: "The tree size is not the head's." };
  if (leafIndex >= treeSize) return { ok: false, reason: 'The tree head does not cover the event.' };
  const ok = verifyInclusion(
    eventLeafHash(event),
    leafIndex,
    treeSize,
    auditPath.map(hexToBytes),
    hexToBytes(head.rootHash),
  );
  return ok
    ? { ok: true }
    : {
        ok: false,
        reason: 'The audit path does not lead to the signed root: the event or the path was altered.',
      };
}

/**
 * The proof that `newHead`'s tree extends `oldHead`'s.
 * @throws MaestroError ERR_LEDGER_NOT_FOUND when the heads are not of one tenant in order or the
 *   leaves are too few, ERR_LEDGER_TAMPERED when the leaves do not produce the heads' roots.
 */
export function buildConsistencyProof(
  leaves: readonly Uint8Array[],
  oldHead: SignedTreeHead,
  newHead: SignedTreeHead,
): ConsistencyProofBundle {
  if (oldHead.tenantId !== newHead.tenantId) throw notFound('The tree heads belong to different tenants.');
  if (oldHead.treeSize > newHead.treeSize) throw notFound('The old tree head is larger than the new one.');
  if (newHead.treeSize > leaves.length)
    throw notFound('Fewer leaves were given than the new tree head covers.');
  const proof = consistencyProof(leaves, oldHead.treeSize, newHead.treeSize);
  if (
    !verifyConsistency(
      oldHead.treeSize,
      newHead.treeSize,
      hexToBytes(oldHead.rootHash),
      hexToBytes(newHead.rootHash),
      proof,
    )
  ) {
    throw new LedgerTamperedError("The leaves do not produce the tree heads' roots.");
  }
  return { v: 1, oldHead, newHead, proof: proof.map((node) => node.toString('hex')) };
}

/** Checks both heads' signatures under trusted keys and that the new tree is an append-only extension. */
export function checkConsistencyProof(bundle: unknown, keys: PublicKeyLookup): ProofCheck {
  const parsed = consistencyProofBundleSchema.safeParse(bundle);
  if (!parsed.success) return malformed(parsed.error.issues);
  const { oldHead, newHead, proof } = parsed.data;
  const check = createHeadChecker(keys);
  for (const [name, head] of [
    ['old', oldHead],
    ['new', newHead],
  ] as const) {
    const verdict = check(head);
    if (verdict !== 'ok') return { ok: false, reason: `The ${name} tree head ${HEAD_REASONS[verdict]}.` };
  }
  if (oldHead.tenantId !== newHead.tenantId) {
    return { ok: false, reason: 'The tree heads belong to different tenants.' };
  }
  if (oldHead.index > newHead.index || oldHead.treeSize > newHead.treeSize || oldHead.time > newHead.time) {
    return { ok: false, reason: 'The old tree head is not older than the new one.' };
  }
  const ok = verifyConsistency(
    oldHead.treeSize,
    newHead.treeSize,
    hexToBytes(oldHead.rootHash),
    hexToBytes(newHead.rootHash),
    proof.map(hexToBytes),
  );
  return ok
    ? { ok: true }
    : { ok: false, reason: 'The proof does not show that the new tree extends the old one.' };
}

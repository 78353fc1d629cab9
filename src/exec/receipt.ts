import { createPublicKey, verify } from 'node:crypto';
import { z } from 'zod';
import type { Lane } from '../core/index.js';
import { canonicalJson, type LedgerSigner, type PublicKeyLookup } from '../ledger/index.js';
import { TOOL_EFFECTS, type ToolEffect } from '../policy/index.js';

/** One link of a delegation chain: who received a grant, and which grant. */
export interface DelegationLink {
  readonly subject: string;
  readonly grantId: string;
}

/**
 * The signed record written to the ledger before a tool runs: what runs (tool, fingerprint,
 * argument hash, idempotency key), why it may (lane, policies, approver) and on whose behalf
 * (principal, agent, delegation chain). The arguments themselves are never in it.
 */
export interface Receipt {
  readonly v: 1;
  readonly id: string;
  readonly tenantId: string;
  /** ISO-8601 UTC with milliseconds. */
  readonly time: string;
  readonly tool: string;
  readonly toolFingerprint: string;
  readonly effect: ToolEffect;
  readonly argsHash: string;
  readonly idempotencyKey: string | null;
  readonly lane: Exclude<Lane, 'block'>;
  readonly policies: readonly string[];
  readonly approvalId: string | null;
  readonly approver: string | null;
  readonly principal: string;
  readonly agentId: string | null;
  readonly delegation: readonly DelegationLink[];
  readonly traceId: string | null;
  readonly keyId: string;
  /** Ed25519 over RECEIPT_SIGNING_CONTEXT + the canonical JSON of every other field, base64url. */
  readonly signature: string;
}

export type UnsignedReceipt = Omit<Receipt, 'signature' | 'keyId'>;

export const RECEIPT_SIGNING_CONTEXT = 'maestro-receipt-v1\n';

const HEX64 = /^[0-9a-f]{64}$/;

export const receiptSchema = z.strictObject({
  v: z.literal(1),
  id: z.string().min(1).max(64),
  tenantId: z.string().min(1).max(128),
  time: z.iso.datetime({ precision: 3 }),
  tool: z.string().min(1).max(64),
  toolFingerprint: z.string().regex(HEX64),
  effect: z.enum(TOOL_EFFECTS),
  argsHash: z.string().regex(HEX64),
  idempotencyKey: z.string().min(1).max(256).nullable(),
  lane: z.enum(['auto', 'confirm']),
  policies: z.array(z.string().max(256)).max(256),
  approvalId: z.string().max(64).nullable(),
  approver: z.string().max(256).nullable(),
  principal: z.string().min(1).max(256),
  agentId: z.string().max(256).nullable(),
  delegation: z.array(z.strictObject({ subject: z.string().max(256), grantId: z.string().max(128) })).max(16),
  traceId: z.string().max(64).nullable(),
  keyId: z.string().min(1).max(128),
  signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
});

function signingInput(receipt: Omit<Receipt, 'signature'>): Buffer {
  return Buffer.from(RECEIPT_SIGNING_CONTEXT + canonicalJson(receipt), 'utf8');
}

export function signReceipt(unsigned: UnsignedReceipt, signer: LedgerSigner): Receipt {
  const body = { ...unsigned, keyId: signer.keyId };
  return Object.freeze({ ...body, signature: signer.sign(signingInput(body)).toString('base64url') });
}

/**
 * Checks a receipt someone hands you (a downstream service, an auditor) with public keys only:
 * its shape, a trusted key id, and the signature over every field.
 */
export function verifyReceipt(
  value: unknown,
  keys: PublicKeyLookup,
): { ok: true; receipt: Receipt } | { ok: false; reason: string } {
  const parsed = receiptSchema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: 'not a receipt' };
  const { signature, ...body } = parsed.data;
  const pem = keys(body.keyId);
  if (pem === undefined) return { ok: false, reason: `key ${body.keyId} is not trusted` };
  let good = false;
  try {
    good = verify(null, signingInput(body), createPublicKey(pem), Buffer.from(signature, 'base64url'));
  } catch {
    good = false;
  }
  return good ? { ok: true, receipt: parsed.data } : { ok: false, reason: 'the signature does not match' };
}

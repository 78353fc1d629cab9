import { describe, expect, it } from 'vitest';
import { createSigner, generateSigningKeyPem, publicKeysFrom } from '../ledger/index.js';
import { signReceipt, type UnsignedReceipt, verifyReceipt } from './receipt.js';

const unsigned: UnsignedReceipt = {
  v: 1,
  id: '01JGZ0000000000000000000AA',
  tenantId: 'acme',
  time: '2026-01-05T09:00:00.000Z',
  tool: 'payments.send',
  toolFingerprint: 'a'.repeat(64),
  effect: 'financial',
  argsHash: 'b'.repeat(64),
  idempotencyKey: 'order-7',
  lane: 'confirm',
  policies: ['pay'],
  approvalId: '01JGZ0000000000000000000BB',
  approver: 'user:alice',
  principal: 'agent:billing',
  agentId: 'agent:billing',
  delegation: [{ subject: 'agent:orchestrator', grantId: 'g1' }],
  traceId: null,
};

describe('receipts', () => {
  const signer = createSigner(generateSigningKeyPem());
  const keys = publicKeysFrom([signer.publicKeyPem]);

  it('verify with the public key alone', () => {
    const receipt = signReceipt(unsigned, signer);
    expect(receipt.keyId).toBe(signer.keyId);
    expect(verifyReceipt(JSON.parse(JSON.stringify(receipt)), keys)).toEqual({ ok: true, receipt });
  });

  it('fail when any field is changed', () => {
    const receipt = signReceipt(unsigned, signer);
    const changes: Array<Record<string, unknown>> = [
      { argsHash: 'c'.repeat(64) },
      { approver: 'agent:billing' },
      { lane: 'auto' },
      { delegation: [] },
      { tool: 'payments.refund' },
      { idempotencyKey: null },
    ];
    for (const change of changes) {
      expect(verifyReceipt({ ...receipt, ...change }, keys)).toEqual({
        ok: false,
        reason: 'the signature does not match',
      });
    }
  });

  it('fail with an untrusted key or a malformed body', () => {
    const other = createSigner(generateSigningKeyPem());
    const receipt = signReceipt(unsigned, other);
    expect(verifyReceipt(receipt, keys)).toEqual({ ok: false, reason: `key ${other.keyId} is not trusted` });
    expect(verifyReceipt({ ...receipt, extra: 1 }, keys).ok).toBe(false);
    expect(verifyReceipt('receipt', keys).ok).toBe(false);
  });
});

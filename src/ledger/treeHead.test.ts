import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.js';
import { createSigner, generateSigningKeyPem, publicKeysFrom } from './signing.js';
import {
  createHeadChecker,
  type SignedTreeHead,
  signedTreeHeadSchema,
  signTreeHead,
  TREE_HEAD_SIGNING_CONTEXT,
  treeHeadSigningInput,
  verifyTreeHeadSignature,
} from './treeHead.js';

const signer = createSigner(generateSigningKeyPem());
const other = createSigner(generateSigningKeyPem());
const keys = publicKeysFrom([signer.publicKeyPem, other.publicKeyPem]);
const onlySigner = publicKeysFrom([signer.publicKeyPem]);

const unsigned = {
  tenantId: 'tenant-a',
  index: 3,
  treeSize: 200,
  rootHash: 'ab'.repeat(32),
  chainHash: 'cd'.repeat(32),
  time: '2025-01-15T12:00:00.000Z',
};

/** Changes one character of a string field, keeping its format valid where it can. */
function tweak(value: string): string {
  const last = value.at(-1)!;
  const replacement = last === 'a' ? 'b' : /[0-9]/.test(last) ? String((Number(last) + 1) % 10) : 'a';
  return `${value.slice(0, -1)}${replacement}`;
}

describe('signed tree heads', () => {
  const head = signTreeHead(unsigned, signer);

  it('round-trip: a signed head verifies under its key', () => {
    expect(head).toEqual({ v: 1, ...unsigned, keyId: signer.keyId, signature: expect.any(String) });
    expect(signedTreeHeadSchema.safeParse(head).success).toBe(true);
    expect(verifyTreeHeadSignature(head, keys)).toBe(true);
    expect(verifyTreeHeadSignature(JSON.parse(JSON.stringify(head)), keys)).toBe(true);
  });

  it('signs the context line and the canonical JSON of everything but the signature', () => {
    const { signature: _signature, ...rest } = head;
    expect(treeHeadSigningInput(head).toString('utf8')).toBe(
      `${TREE_HEAD_SIGNING_CONTEXT}${canonicalJson(rest)}`,
    );
  });

  it('fails for any changed field, a changed key id, or a signature from another key', () => {
    const changed: SignedTreeHead[] = [
      { ...head, tenantId: 'tenant-b' },
      { ...head, index: head.index + 1 },
      { ...head, treeSize: head.treeSize + 1 },
      { ...head, rootHash: tweak(head.rootHash) },
      { ...head, chainHash: tweak(head.chainHash) },
      { ...head, time: '2025-01-15T12:00:00.001Z' },
      { ...head, keyId: other.keyId },
      { ...head, signature: signTreeHead(unsigned, other).signature },
    ];
    for (const bad of changed) expect(verifyTreeHeadSignature(bad, keys)).toBe(false);
  });

  it('fails for every flipped byte of the signature and for non-canonical base64', () => {
    const bytes = Buffer.from(head.signature, 'base64');
    for (let i = 0; i < bytes.length; i++) {
      const flipped = Buffer.from(bytes);
      flipped[i]! ^= 0x01;
      expect(verifyTreeHeadSignature({ ...head, signature: flipped.toString('base64') }, keys)).toBe(false);
    }
    // The last base64 digit carries 2 unused bits: an alternative spelling must not pass either.
    const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const last = head.signature.at(-3)!;
    const sibling = digits[digits.indexOf(last) ^ 0x01]!;
    const respelled = `${head.signature.slice(0, -3)}${sibling}==`;
    expect(Buffer.from(respelled, 'base64').equals(bytes)).toBe(true);
    expect(verifyTreeHeadSignature({ ...head, signature: respelled }, keys)).toBe(false);
  });

  it('tells unknown keys from bad signatures from malformed heads', () => {
    const check = createHeadChecker(onlySigner);
    expect(check(head)).toBe('ok');
    expect(check(signTreeHead(unsigned, other))).toBe('unknown_key');
    expect(check({ ...head, treeSize: 201 })).toBe('bad_signature');
    expect(check({ ...head, extra: 1 })).toBe('malformed');
    expect(check({ ...head, rootHash: 'AB'.repeat(32) })).toBe('malformed');
    expect(check(null)).toBe('malformed');
    // A lookup that answers with the wrong key for an id cannot vouch for a head.
    expect(createHeadChecker(() => other.publicKeyPem)(head)).toBe('unknown_key');
  });

  it('refuses to sign a malformed head', () => {
    expect(() => signTreeHead({ ...unsigned, rootHash: 'xyz' }, signer)).toThrow(
      expect.objectContaining({ code: 'ERR_LEDGER_INVALID_EVENT', path: ['rootHash'] }),
    );
    expect(() => signTreeHead({ ...unsigned, treeSize: -1 }, signer)).toThrow(
      expect.objectContaining({ code: 'ERR_LEDGER_INVALID_EVENT' }),
    );
  });
});

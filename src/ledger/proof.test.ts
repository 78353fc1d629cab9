import { describe, expect, it } from 'vitest';
import type { RiskEvent } from './eventSchema.js';
import { buildLog } from './fixtures/log.js';
import {
  buildConsistencyProof,
  buildInclusionProof,
  checkConsistencyProof,
  checkInclusionProof,
  type InclusionProofBundle,
} from './proof.js';
import { createSigner, generateSigningKeyPem, publicKeysFrom } from './signing.js';

const signer = createSigner(generateSigningKeyPem());
const stranger = createSigner(generateSigningKeyPem());
const log = buildLog({ signer, size: 130, headEvery: 26 });
const newest = log.heads[log.heads.length - 1]!;

/** What an outsider receives: JSON text. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function failsWith(result: { ok: boolean; reason?: string }, pattern: RegExp): void {
  expect(result.ok).toBe(false);
  expect((result as { reason: string }).reason).toMatch(pattern);
}

describe('inclusion proof bundles', () => {
  it('check with nothing but the public key, for every event and every head that covers it', () => {
    for (const head of log.heads) {
      for (const event of log.events.slice(0, head.treeSize)) {
        const bundle = wire(buildInclusionProof(event, log.leaves, head));
        expect(checkInclusionProof(bundle, signer.publicKeyPem)).toEqual({ ok: true });
      }
    }
  });

  it('carry the public key only as a convenience, never trusted', () => {
    const bundle = wire(buildInclusionProof(log.events[7]!, log.leaves, newest, signer.publicKeyPem));
    expect(bundle.publicKeyPem).toBe(signer.publicKeyPem);
    expect(checkInclusionProof(bundle, signer.publicKeyPem)).toEqual({ ok: true });
    const planted = { ...bundle, publicKeyPem: stranger.publicKeyPem };
    expect(checkInclusionProof(planted, signer.publicKeyPem)).toEqual({ ok: true });
    failsWith(checkInclusionProof(bundle, stranger.publicKeyPem), /names key .* not the given key/);
  });

  it('fail, with a reason, when any part was tampered with', () => {
    const bundle = wire(buildInclusionProof(log.events[77]!, log.leaves, newest));
    const event = (changes: Partial<RiskEvent>) => ({ ...bundle, event: { ...bundle.event, ...changes } });
    const flipHex = (hex: string) => `${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`;
    failsWith(checkInclusionProof(event({ severity: 'low' }), signer.publicKeyPem), /audit path/);
    failsWith(checkInclusionProof(event({ preview: 'something else' }), signer.publicKeyPem), /audit path/);
    failsWith(checkInclusionProof(event({ seq: 78 }), signer.publicKeyPem), /leaf index/);
    failsWith(
      checkInclusionProof(
        { ...bundle, leafIndex: 78, event: { ...bundle.event, seq: 78 } },
        signer.publicKeyPem,
      ),
      /audit path/,
    );
    for (let i = 0; i < bundle.auditPath.length; i++) {
      const auditPath = bundle.auditPath.map((node, j) => (j === i ? flipHex(node) : node));
      failsWith(checkInclusionProof({ ...bundle, auditPath }, signer.publicKeyPem), /audit path/);
    }
    failsWith(
      checkInclusionProof({ ...bundle, auditPath: bundle.auditPath.slice(1) }, signer.publicKeyPem),
      /audit path/,
    );
    failsWith(checkInclusionProof({ ...bundle, treeSize: 129 }, signer.publicKeyPem), /tree size/);
    const head = (changes: Partial<InclusionProofBundle['head']>) => ({
      ...bundle,
      head: { ...bundle.head, ...changes },
    });
    failsWith(
      checkInclusionProof(head({ rootHash: flipHex(bundle.head.rootHash) }), signer.publicKeyPem),
      /signature/,
    );
    failsWith(checkInclusionProof(head({ treeSize: 131 }), signer.publicKeyPem), /signature/);
    failsWith(
      checkInclusionProof(
        { ...bundle, event: { ...bundle.event, tenantId: 'tenant-b' } },
        signer.publicKeyPem,
      ),
      /tenants/,
    );
    failsWith(checkInclusionProof({ ...bundle, extra: 1 }, signer.publicKeyPem), /malformed/);
    failsWith(
      checkInclusionProof({ ...bundle, event: { ...bundle.event, preview: 'a\nb' } }, signer.publicKeyPem),
      /malformed at event.preview/,
    );
    failsWith(checkInclusionProof(null, signer.publicKeyPem), /malformed/);
    failsWith(checkInclusionProof(bundle, 'not a key'), /not an Ed25519 key/);
  });

  it('are not built for events a head does not cover, nor from leaves that disagree', () => {
    const early = log.heads[0]!;
    expect(() => buildInclusionProof(log.events[early.treeSize]!, log.leaves, early)).toThrow(
      expect.objectContaining({ code: 'ERR_LEDGER_NOT_FOUND' }),
    );
    expect(() => buildInclusionProof(log.events[0]!, log.leaves.slice(0, 10), early)).toThrow(
      expect.objectContaining({ code: 'ERR_LEDGER_NOT_FOUND' }),
    );
    const edited = { ...log.events[5]!, severity: 'low' as const };
    expect(() => buildInclusionProof(edited, log.leaves, early)).toThrow(
      expect.objectContaining({ code: 'ERR_LEDGER_TAMPERED' }),
    );
    const otherLeaves = log.leaves.map((leaf, i) => (i === 20 ? Buffer.alloc(32) : leaf));
    expect(() => buildInclusionProof(log.events[5]!, otherLeaves, early)).toThrow(
      expect.objectContaining({ code: 'ERR_LEDGER_TAMPERED' }),
    );
  });
});

describe('consistency proof bundles', () => {
  const keys = publicKeysFrom([signer.publicKeyPem]);

  it('check for every pair of heads, old before new', () => {
    for (let i = 0; i < log.heads.length; i++) {
      for (let j = i; j < log.heads.length; j++) {
        const bundle = wire(buildConsistencyProof(log.leaves, log.heads[i]!, log.heads[j]!));
        expect(checkConsistencyProof(bundle, keys)).toEqual({ ok: true });
      }
    }
  });

  it('fail, with a reason, when tampered with or out of order', () => {
    const bundle = wire(buildConsistencyProof(log.leaves, log.heads[1]!, newest));
    const flipHex = (hex: string) => `${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`;
    for (let i = 0; i < bundle.proof.length; i++) {
      const proof = bundle.proof.map((node, j) => (j === i ? flipHex(node) : node));
      failsWith(checkConsistencyProof({ ...bundle, proof }, keys), /does not show/);
    }
    failsWith(checkConsistencyProof({ ...bundle, proof: [] }, keys), /does not show/);
    failsWith(
      checkConsistencyProof({ ...bundle, oldHead: bundle.newHead, newHead: bundle.oldHead }, keys),
      /not older/,
    );
    failsWith(
      checkConsistencyProof(
        { ...bundle, newHead: { ...bundle.newHead, rootHash: flipHex(bundle.newHead.rootHash) } },
        keys,
      ),
      /new tree head has a signature that does not verify/,
    );
    failsWith(
      checkConsistencyProof(bundle, publicKeysFrom([stranger.publicKeyPem])),
      /old tree head is signed with a key that is not trusted/,
    );
    failsWith(checkConsistencyProof({ ...bundle, v: 2 }, keys), /malformed at v/);
  });

  it('are not built from leaves that disagree with the heads', () => {
    const otherLeaves = log.leaves.map((leaf, i) => (i === 3 ? Buffer.alloc(32) : leaf));
    expect(() => buildConsistencyProof(otherLeaves, log.heads[1]!, newest)).toThrow(
      expect.objectContaining({ code: 'ERR_LEDGER_TAMPERED' }),
    );
    expect(() => buildConsistencyProof(log.leaves, newest, log.heads[1]!)).toThrow(
      expect.objectContaining({ code: 'ERR_LEDGER_NOT_FOUND' }),
    );
  });
});

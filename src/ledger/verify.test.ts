import { describe, expect, it } from 'vitest';
import { buildRiskEvent, eventLeafHash } from './buildRiskEvent.js';
import type { RiskEvent } from './eventSchema.js';
import { sampleInput, T0 } from './fixtures/events.js';
import { buildLog, copyRows, headFor, rowsFor } from './fixtures/log.js';
import { GENESIS_CHAIN_HASH, nextChainHash } from './hashes.js';
import { merkleRoot } from './merkle.js';
import { createSigner, generateSigningKeyPem, publicKeysFrom } from './signing.js';
import { signTreeHead } from './treeHead.js';
import {
  type LedgerProblem,
  type LedgerProblemCode,
  MAX_PROBLEMS_PER_TENANT,
  type StoredEventRow,
  type VerifyInput,
  verifyTenantLog,
} from './verify.js';

const signer = createSigner(generateSigningKeyPem());
const stranger = createSigner(generateSigningKeyPem());
const keys = publicKeysFrom([signer.publicKeyPem]);
const log = buildLog({ signer, size: 300, headEvery: 50 });

const verify = (overrides: Partial<VerifyInput> = {}) =>
  verifyTenantLog({ tenantId: log.tenantId, events: log.rows, heads: log.heads, keys, ...overrides });

const errors = (problems: readonly LedgerProblem[]) => problems.filter((p) => p.level === 'error');
const codes = (problems: readonly LedgerProblem[]): LedgerProblemCode[] =>
  errors(problems).map((p) => p.code);
const first = (problems: readonly LedgerProblem[]) => errors(problems)[0];

/** Rewrites the rows from `from` on so that every stored hash follows from the (new) bodies. */
function rechain(rows: StoredEventRow[], from: number): void {
  let chain = from === 0 ? GENESIS_CHAIN_HASH : rows[from - 1]!.chainHash;
  for (let i = from; i < rows.length; i++) {
    const row = rows[i]!;
    row.leafHash = eventLeafHash(row.body as RiskEvent);
    chain = nextChainHash(chain, row.leafHash);
    row.chainHash = chain;
  }
}

describe('verifyTenantLog: an untouched log', () => {
  it('verifies with no problem at all and reports the recomputed tree', async () => {
    const report = await verify();
    expect(report).toEqual({
      tenantId: 'tenant-a',
      ok: true,
      events: 300,
      heads: 6,
      treeSize: 300,
      rootHash: merkleRoot(log.leaves).toString('hex'),
      problems: [],
      problemsOmitted: 0,
    });
  });

  it('verifies an empty log, and one read from an async iterable', async () => {
    expect(await verify({ events: [], heads: [] })).toMatchObject({
      ok: true,
      events: 0,
      treeSize: 0,
      problems: [],
    });
    async function* stream() {
      for (const row of log.rows) yield row;
    }
    expect(await verify({ events: stream() })).toEqual(await verify());
  });

  it('warns about an unsigned tail without failing', async () => {
    const report = await verify({ heads: log.heads.slice(0, 5) });
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([
      expect.objectContaining({ code: 'UNSIGNED_TAIL', level: 'warning', seq: 250, tenantId: 'tenant-a' }),
    ]);
    expect((await verify({ heads: [] })).problems).toEqual([
      expect.objectContaining({ code: 'UNSIGNED_TAIL', seq: 0 }),
    ]);
  });

  it('accepts a head of the empty log', async () => {
    const empty = headFor({ tenantId: 'tenant-a', rows: [] }, 0, 0, signer);
    const heads = [empty, ...log.heads.map((_, i) => headFor(log, i + 1, (i + 1) * 50, signer))];
    expect((await verify({ heads })).problems).toEqual([]);
  });
});

describe('verifyTenantLog: tampered events', () => {
  it('an edited field (body only) is LEAF_MISMATCH at that seq, and every later head mismatches', async () => {
    const rows = copyRows(log.rows);
    (rows[120]!.body as RiskEvent).severity = 'low';
    const report = await verify({ events: rows });
    expect(report.ok).toBe(false);
    expect(first(report.problems)).toMatchObject({
      code: 'LEAF_MISMATCH',
      seq: 120,
      eventId: log.events[120]!.id,
    });
    expect(codes(report.problems)).not.toContain('CHAIN_BROKEN');
    const headProblems = errors(report.problems).filter((p) => p.headIndex !== undefined);
    expect(new Set(headProblems.map((p) => p.headIndex))).toEqual(new Set([2, 3, 4, 5]));
    expect(new Set(headProblems.map((p) => p.code))).toEqual(
      new Set(['HEAD_ROOT_MISMATCH', 'HEAD_CHAIN_MISMATCH']),
    );
  });

  it('an edited field with its leaf hash recomputed breaks the chain at that seq', async () => {
    const rows = copyRows(log.rows);
    (rows[120]!.body as RiskEvent).preview = 'nothing happened here';
    rows[120]!.leafHash = eventLeafHash(rows[120]!.body as RiskEvent);
    const report = await verify({ events: rows });
    expect(first(report.problems)).toMatchObject({ code: 'CHAIN_BROKEN', seq: 120 });
    expect(codes(report.problems).filter((c) => c === 'CHAIN_BROKEN')).toHaveLength(1);
    expect(codes(report.problems)).not.toContain('LEAF_MISMATCH');
    expect(codes(report.problems)).toContain('HEAD_ROOT_MISMATCH');
  });

  it('an edit with every later hash rewritten is caught by the first head after it', async () => {
    const rows = copyRows(log.rows);
    (rows[120]!.body as RiskEvent).lane = 'auto';
    rechain(rows, 120);
    const report = await verify({ events: rows });
    expect(report.ok).toBe(false);
    expect(first(report.problems)).toMatchObject({ code: 'HEAD_ROOT_MISMATCH', headIndex: 2 });
    expect(errors(report.problems).every((p) => p.headIndex !== undefined && p.headIndex >= 2)).toBe(true);
  });

  it('a deleted row is SEQ_GAP naming the missing seq, and breaks the chain after it', async () => {
    const rows = log.rows.filter((row) => row.seq !== 120);
    const report = await verify({ events: rows });
    expect(report.ok).toBe(false);
    expect(first(report.problems)).toMatchObject({ code: 'SEQ_GAP', seq: 120 });
    expect(errors(report.problems)[1]).toMatchObject({ code: 'CHAIN_BROKEN', seq: 121 });
    expect(codes(report.problems)).toContain('HEAD_ROOT_MISMATCH');
  });

  it('two swapped rows are reported where they are', async () => {
    const rows = [...log.rows];
    [rows[120], rows[121]] = [rows[121]!, rows[120]!];
    const report = await verify({ events: rows });
    expect(report.ok).toBe(false);
    expect(errors(report.problems).slice(0, 3)).toEqual([
      expect.objectContaining({ code: 'SEQ_GAP', seq: 120 }),
      expect.objectContaining({ code: 'CHAIN_BROKEN', seq: 121 }),
      expect.objectContaining({ code: 'SEQ_MISMATCH', seq: 120 }),
    ]);
    // The same swap done in the table (contents exchanged, seq column kept in order).
    const inPlace = copyRows(log.rows);
    const [a, b] = [inPlace[120]!, inPlace[121]!];
    inPlace[120] = { ...b, seq: a.seq };
    inPlace[121] = { ...a, seq: b.seq };
    const report2 = await verify({ events: inPlace });
    expect(first(report2.problems)).toMatchObject({ code: 'SEQ_MISMATCH', seq: 120 });
    expect(codes(report2.problems)).toContain('CHAIN_BROKEN');
    expect(errors(report2.problems).find((p) => p.code === 'CHAIN_BROKEN')).toMatchObject({ seq: 120 });
  });

  it('a forged row inserted with its own hashes breaks the chain where it was inserted', async () => {
    const forged = buildRiskEvent(sampleInput({ preview: 'approved by admin', type: 'approval' }), {
      id: log.events[121]!.id,
      seq: 121,
      time: new Date(T0 + 121),
      traceIds: () => undefined,
    });
    const [forgedRow] = rowsFor([forged], log.rows[120]!.chainHash);
    const rows = [...log.rows.slice(0, 121), forgedRow!, ...log.rows.slice(121)];
    const report = await verify({ events: rows });
    expect(report.ok).toBe(false);
    expect(errors(report.problems).slice(0, 2)).toEqual([
      expect.objectContaining({ code: 'SEQ_MISMATCH', seq: 121 }),
      expect.objectContaining({ code: 'CHAIN_BROKEN', seq: 121 }),
    ]);
  });

  it('a forged row with the whole rest of the log renumbered and rehashed is caught by the heads', async () => {
    const forged = buildRiskEvent(sampleInput({ preview: 'approved by admin', type: 'approval' }), {
      id: log.events[121]!.id,
      seq: 121,
      time: new Date(T0 + 121),
      traceIds: () => undefined,
    });
    const rest = copyRows(log.rows.slice(121)).map((row) => {
      const body = row.body as RiskEvent;
      body.seq += 1;
      return { ...row, seq: body.seq };
    });
    const rows = [
      ...copyRows(log.rows.slice(0, 121)),
      ...rowsFor([forged], log.rows[120]!.chainHash),
      ...rest,
    ];
    rechain(rows, 121);
    const report = await verify({ events: rows });
    expect(report.ok).toBe(false);
    expect(first(report.problems)).toMatchObject({ code: 'HEAD_ROOT_MISMATCH', headIndex: 2 });
  });

  it('a truncated tail is HEAD_BEYOND_LOG on the head that covered it', async () => {
    const report = await verify({ events: log.rows.slice(0, 280) });
    expect(report.ok).toBe(false);
    expect(errors(report.problems)).toEqual([
      expect.objectContaining({ code: 'HEAD_BEYOND_LOG', headIndex: 5 }),
    ]);
    expect(report.treeSize).toBe(280);
  });

  it('a body of another tenant, an invalid body, or a mismatched row is named', async () => {
    const rows = copyRows(log.rows);
    (rows[10]!.body as RiskEvent).tenantId = 'tenant-b';
    (rows[20]!.body as Record<string, unknown>).extra = true;
    (rows[30]!.body as RiskEvent).seq = 31;
    rows[40]!.id = 'evil\nid';
    rows[50]!.leafHash = Buffer.alloc(31);
    const report = await verify({ events: rows });
    const bySeq = (seq: number) =>
      errors(report.problems)
        .filter((p) => p.seq === seq)
        .map((p) => p.code);
    expect(bySeq(10)).toContain('TENANT_MISMATCH');
    expect(bySeq(20)[0]).toBe('EVENT_INVALID');
    expect(bySeq(30)[0]).toBe('SEQ_MISMATCH');
    expect(bySeq(40)[0]).toBe('EVENT_INVALID');
    expect(bySeq(50)[0]).toBe('EVENT_INVALID');
    // A stored id that is not a ULID is never echoed.
    expect(JSON.stringify(report)).not.toContain('evil');
  });

  it('caps problems at 100 per tenant and counts the rest', async () => {
    const rows = copyRows(log.rows);
    for (const row of rows) (row.body as RiskEvent).severity = 'info';
    const report = await verify({ events: rows });
    expect(report.problems).toHaveLength(MAX_PROBLEMS_PER_TENANT);
    expect(report.problemsOmitted).toBeGreaterThan(200);
    expect(report.ok).toBe(false);
  });
});

describe('verifyTenantLog: tampered heads', () => {
  const signedBy = (who: typeof signer, i: number, changes: Partial<ReturnType<typeof headFor>> = {}) => {
    const { v: _v, keyId: _k, signature: _s, ...unsigned } = { ...log.heads[i]!, ...changes };
    return signTreeHead(unsigned, who);
  };

  it('a head signed with an unknown key is HEAD_UNKNOWN_KEY and leaves a gap', async () => {
    const heads = log.heads.map((head, i) => (i === 3 ? signedBy(stranger, 3) : head));
    const report = await verify({ heads });
    expect(report.ok).toBe(false);
    expect(errors(report.problems)).toEqual([
      expect.objectContaining({ code: 'HEAD_UNKNOWN_KEY', headIndex: 3 }),
      expect.objectContaining({ code: 'HEAD_INDEX_GAP', headIndex: 3 }),
    ]);
  });

  it('a head with an edited root, or signed by another key under our key id, is HEAD_SIGNATURE', async () => {
    const edited = { ...log.heads[3]!, rootHash: 'ab'.repeat(32) };
    const impostor = { ...signedBy(stranger, 3), keyId: signer.keyId };
    for (const bad of [edited, impostor]) {
      const report = await verify({ heads: log.heads.map((head, i) => (i === 3 ? bad : head)) });
      expect(first(report.problems)).toMatchObject({ code: 'HEAD_SIGNATURE', headIndex: 3 });
    }
  });

  it('a validly signed head with a wrong root or chain hash is HEAD_ROOT_MISMATCH / HEAD_CHAIN_MISMATCH', async () => {
    const wrongRoot = signedBy(signer, 3, { rootHash: 'ab'.repeat(32) });
    const wrongChain = signedBy(signer, 4, { chainHash: 'cd'.repeat(32) });
    const report = await verify({
      heads: log.heads.map((h, i) => (i === 3 ? wrongRoot : i === 4 ? wrongChain : h)),
    });
    expect(errors(report.problems)).toEqual([
      expect.objectContaining({ code: 'HEAD_ROOT_MISMATCH', headIndex: 3 }),
      expect.objectContaining({ code: 'HEAD_CHAIN_MISMATCH', headIndex: 4 }),
    ]);
  });

  it('an old head replayed as the newest is HEAD_REPLAYED', async () => {
    const report = await verify({ heads: [...log.heads, log.heads[2]!] });
    expect(report.ok).toBe(false);
    expect(errors(report.problems)).toEqual([
      expect.objectContaining({ code: 'HEAD_REPLAYED', headIndex: 2 }),
    ]);
    // Stores return heads by index: the replayed copy then sits next to its original.
    const byIndex = [...log.heads.slice(0, 3), log.heads[2]!, ...log.heads.slice(3)];
    expect(codes((await verify({ heads: byIndex })).problems)).toEqual(['HEAD_REPLAYED']);
  });

  it('a dropped head is HEAD_INDEX_GAP naming the missing index', async () => {
    const report = await verify({ heads: log.heads.filter((_, i) => i !== 3) });
    expect(errors(report.problems)).toEqual([
      expect.objectContaining({ code: 'HEAD_INDEX_GAP', headIndex: 3 }),
    ]);
    const noFirst = await verify({ heads: log.heads.slice(1) });
    expect(errors(noFirst.problems)).toEqual([
      expect.objectContaining({ code: 'HEAD_INDEX_GAP', headIndex: 0 }),
    ]);
  });

  it('a head going back in size or time is HEAD_NOT_EXTENDING', async () => {
    const smaller = signedBy(signer, 4, {
      treeSize: 150,
      rootHash: log.heads[2]!.rootHash,
      chainHash: log.heads[2]!.chainHash,
    });
    const earlier = signedBy(signer, 4, { time: '2000-01-01T00:00:00.000Z' });
    for (const bad of [smaller, earlier]) {
      const report = await verify({ heads: log.heads.map((h, i) => (i === 4 ? bad : h)) });
      expect(codes(report.problems)).toEqual(['HEAD_NOT_EXTENDING']);
      expect(first(report.problems)).toMatchObject({ headIndex: 4 });
    }
  });

  it("another tenant's head is TENANT_MISMATCH", async () => {
    const other = buildLog({ signer, tenantId: 'tenant-b', size: 50, headEvery: 50 });
    const report = await verify({ heads: [...log.heads, { ...other.heads[0]!, index: 6 }] });
    expect(first(report.problems)).toMatchObject({ code: 'HEAD_SIGNATURE', headIndex: 6 });
    const signed = signTreeHead({ ...other.heads[0]!, index: 6 }, signer);
    expect(first((await verify({ heads: [...log.heads, signed] })).problems)).toMatchObject({
      code: 'TENANT_MISMATCH',
      headIndex: 6,
    });
  });
});

describe('verifyTenantLog: witness heads', () => {
  it('match an untouched log', async () => {
    expect((await verify({ witnessHeads: [log.heads[1]!, log.heads[5]!] })).problems).toEqual([]);
  });

  it('catch a truncation that also dropped the newest heads', async () => {
    const truncated = { events: log.rows.slice(0, 250), heads: log.heads.slice(0, 5) };
    expect((await verify(truncated)).ok).toBe(true);
    const report = await verify({ ...truncated, witnessHeads: [log.heads[5]!] });
    expect(report.ok).toBe(false);
    expect(first(report.problems)).toMatchObject({ code: 'WITNESS_MISMATCH', headIndex: 5 });
  });

  it('catch a stored head that was replaced, and a rewritten log', async () => {
    const rows = copyRows(log.rows);
    (rows[60]!.body as RiskEvent).lane = 'auto';
    rechain(rows, 60);
    // An attacker holding the key re-signs every head over the rewritten log.
    const heads = log.heads.map((_, i) => headFor({ tenantId: log.tenantId, rows }, i, (i + 1) * 50, signer));
    expect((await verify({ events: rows, heads })).ok).toBe(true);
    const report = await verify({ events: rows, heads, witnessHeads: [log.heads[2]!] });
    expect(report.ok).toBe(false);
    expect(codes(report.problems)).toContain('WITNESS_MISMATCH');
    expect(first(report.problems)).toMatchObject({ headIndex: 2 });
  });
});

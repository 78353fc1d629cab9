import { describe, expect, it } from 'vitest';
import { MaestroError } from '../errors/index.js';
import { buildRiskEvent, eventLeafHash } from './event.js';
import { createEventIdFactory } from './eventId.js';
import type { RiskEvent } from './eventSchema.js';
import { MerkleFrontier } from './frontier.js';
import { GENESIS_CHAIN_HASH, nextChainHash } from './hashes.js';
import { merkleRoot } from './merkle.js';
import { publicKeysFrom } from './signing.js';
import type { TenantState } from './store/tenantState.js';
import { testSigner } from './testing/appendSample.js';
import { sampleEvent } from './testing/sampleEvents.js';
import { signedTreeHeadSchema, verifyTreeHeadSignature } from './treeHead.js';
import { planAppend } from './writerBatch.js';

const nextId = createEventIdFactory();
const signer = testSigner();
const fresh = (tenantId = 't'): TenantState => ({
  tenantId,
  nextSeq: 0,
  chainHash: Buffer.from(GENESIS_CHAIN_HASH),
  frontier: MerkleFrontier.empty().toJSON(),
  headCount: 0,
  eventsSinceHead: 0,
  lastHeadAt: null,
});
function events(count: number, tenantId = 't'): RiskEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const now = new Date();
    return buildRiskEvent(sampleEvent(tenantId, i), { id: nextId(now), seq: 0, time: now });
  });
}
const at = (now: Date, everyEvents = 1000, forceHead = false) => ({
  signer,
  heads: { everyEvents, everyMs: 60_000 },
  now,
  forceHead,
});

describe('planAppend', () => {
  it('continues seq, chain and tree across batches exactly as the verifier recomputes them', () => {
    const now = new Date('2025-01-01T00:00:00.000Z');
    const first = planAppend(fresh(), events(3), at(now));
    const state: TenantState = { tenantId: 't', ...first.update };
    const second = planAppend(state, events(4), at(now));
    const rows = [...first.rows, ...second.rows];
    expect(rows.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    let chain: Buffer = Buffer.from(GENESIS_CHAIN_HASH);
    for (const row of rows) {
      const event = JSON.parse(row.body) as RiskEvent;
      expect(event.seq).toBe(row.seq);
      expect(eventLeafHash(event).equals(row.leafHash)).toBe(true);
      chain = nextChainHash(chain, row.leafHash);
      expect(chain.equals(row.chainHash)).toBe(true);
    }
    const frontier = MerkleFrontier.fromJSON(second.update.frontier);
    expect(frontier.root().equals(merkleRoot(rows.map((r) => r.leafHash)))).toBe(true);
    expect(second.acks.map((a) => a.seq)).toEqual([3, 4, 5, 6]);
    expect(rows.every((r) => r.lane === 'block' || r.lane === 'confirm')).toBe(true);
  });

  it('stores lane none for an event without a lane', () => {
    const now = new Date();
    const [event] = events(1);
    const plan = planAppend(fresh(), [{ ...event!, lane: null }], at(now));
    expect(plan.rows[0]?.lane).toBe('none');
  });

  it('signs a head at every multiple of everyEvents, and on demand for the rest', () => {
    const now = new Date('2025-01-01T00:00:00.000Z');
    const plan = planAppend(fresh(), events(7), at(now, 3));
    expect(plan.heads.map((h) => [h.index, h.treeSize])).toEqual([
      [0, 3],
      [1, 6],
    ]);
    expect(plan.update).toMatchObject({ headCount: 2, eventsSinceHead: 1 });
    const leaves = plan.rows.map((r) => r.leafHash);
    const head = signedTreeHeadSchema.parse(JSON.parse(plan.heads[1]!.body));
    expect(head.rootHash).toBe(merkleRoot(leaves.slice(0, 6)).toString('hex'));
    expect(head.chainHash).toBe(plan.rows[5]!.chainHash.toString('hex'));
    expect(verifyTreeHeadSignature(head, publicKeysFrom([signer.publicKeyPem]))).toBe(true);

    const forced = planAppend({ tenantId: 't', ...plan.update }, [], at(now, 3, true));
    expect(forced.heads.map((h) => [h.index, h.treeSize])).toEqual([[2, 7]]);
    expect(forced.update.eventsSinceHead).toBe(0);
    const nothing = planAppend({ tenantId: 't', ...forced.update }, [], at(now, 3, true));
    expect(nothing.heads).toEqual([]);
  });

  it('signs a head once the last one is older than everyMs, never dated before it', () => {
    const start = new Date('2025-01-01T00:00:00.000Z');
    const first = planAppend(fresh(), events(1), at(start));
    expect(first.heads).toEqual([]);
    expect(first.update.lastHeadAt).toEqual(start);
    const later = new Date(start.getTime() + 60_000);
    const second = planAppend({ tenantId: 't', ...first.update }, events(1), at(later));
    expect(second.heads).toHaveLength(1);
    // A replica whose clock is behind dates its head no earlier than the previous one.
    const skewed = new Date(later.getTime() - 5000);
    const third = planAppend({ tenantId: 't', ...second.update }, events(1), at(skewed, 1000, true));
    expect(JSON.parse(third.heads[0]!.body).time).toBe(later.toISOString());
  });

  it('refuses a state whose frontier does not match its next seq', () => {
    const state = { ...fresh(), nextSeq: 4 };
    expect(() => planAppend(state, events(1), at(new Date()))).toThrow(MaestroError);
    expect(() => planAppend(fresh('other'), events(1), at(new Date()))).toThrow(RangeError);
  });
});

import { canonicalEventJson } from './canonicalEvent.js';
import { canonicalJson } from './canonicalJson.js';
import type { RiskEvent } from './eventSchema.js';
import { MerkleFrontier } from './frontier.js';
import { leafHashOfText, nextChainHash } from './hashes.js';
import { LedgerTamperedError } from './ledgerErrors.js';
import type { LedgerSigner } from './signer.js';
import type { EventRowInput, HeadRowInput, TenantStateUpdate } from './store/appendSession.js';
import type { TenantState } from './store/tenantState.js';
import { signTreeHead } from './treeHead.js';
import type { HeadPolicy } from './writerOptions.js';

/** What a caller's `logRiskEvent` promise resolves to once its event is committed. */
export interface RiskEventAck {
  readonly id: string;
  readonly seq: number;
  readonly tenantId: string;
  readonly time: string;
}

/** The rows, heads and new state of one tenant's batch, computed under its state lock. */
export interface AppendPlan {
  readonly rows: EventRowInput[];
  readonly heads: HeadRowInput[];
  readonly update: TenantStateUpdate;
  readonly acks: RiskEventAck[];
}

export interface PlanContext {
  readonly signer: LedgerSigner;
  readonly heads: HeadPolicy;
  readonly now: Date;
  /** Sign a head over whatever is unsigned, whatever the policy says (flush, close). */
  readonly forceHead: boolean;
}

// Stored lane for an event without one, so the column stays NOT NULL and filterable.
export const NO_LANE = 'none';

function headRow(
  state: { tenantId: string; index: number; frontier: MerkleFrontier; chainHash: Buffer; notBefore: Date },
  ctx: PlanContext,
): HeadRowInput {
  // Replicas' clocks differ: a head never predates the previous one, or verification would flag it.
  const time = ctx.now.getTime() < state.notBefore.getTime() ? state.notBefore : ctx.now;
  const head = signTreeHead(
    {
      tenantId: state.tenantId,
      index: state.index,
      treeSize: state.frontier.size,
      rootHash: state.frontier.root().toString('hex'),
      chainHash: state.chainHash.toString('hex'),
      time: time.toISOString(),
    },
    ctx.signer,
  );
  return {
    index: head.index,
    treeSize: head.treeSize,
    rootHash: Buffer.from(head.rootHash, 'hex'),
    chainHash: Buffer.from(head.chainHash, 'hex'),
    time: head.time,
    keyId: head.keyId,
    signature: Buffer.from(head.signature, 'base64'),
    body: canonicalJson(head),
  };
}

function latest(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

/**
 * Continues a tenant's log from its locked state: assigns seq, hashes each event's canonical
 * JSON into the chain and the Merkle frontier, and signs a head after every `everyEvents`
 * events, when the last head is older than `everyMs`, or when forced. Pure: nothing is written.
 * Events come built by `buildRiskEvent` (seq 0); only their seq changes here.
 * @throws LedgerTamperedError when the stored state does not add up.
 */
export function planAppend(state: TenantState, events: readonly RiskEvent[], ctx: PlanContext): AppendPlan {
  const frontier = MerkleFrontier.fromJSON(state.frontier);
  if (frontier.size !== state.nextSeq) {
    throw new LedgerTamperedError('The stored Merkle frontier does not match the next sequence number.');
  }
  const tenantId = state.tenantId;
  let chainHash = state.chainHash;
  let headCount = state.headCount;
  let eventsSinceHead = state.eventsSinceHead;
  // The head clock starts with a tenant's first event.
  let lastHeadAt = state.lastHeadAt ?? ctx.now;
  const rows: EventRowInput[] = [];
  const heads: HeadRowInput[] = [];
  const acks: RiskEventAck[] = [];

  for (const built of events) {
    if (built.tenantId !== tenantId) throw new RangeError('an event of another tenant reached this batch');
    const seq = frontier.size;
    // canonicalJson({ ...built, seq }): built events passed riskEventProblem, so the specialised
    // serialiser applies (a property test holds the two to the same output).
    const body = canonicalEventJson(built, seq);
    // Same bytes as eventLeafHash(event), without serialising the event a second time.
    const leaf = leafHashOfText(body);
    chainHash = nextChainHash(chainHash, leaf);
    frontier.push(leaf);
    rows.push({
      seq,
      id: built.id,
      time: built.time,
      type: built.type,
      lane: built.lane ?? NO_LANE,
      severity: built.severity,
      detector: built.detector,
      traceId: built.traceId,
      spanId: built.spanId,
      body,
      leafHash: leaf,
      chainHash,
    });
    acks.push({ id: built.id, seq, tenantId, time: built.time });
    eventsSinceHead++;
    if (eventsSinceHead >= ctx.heads.everyEvents) {
      heads.push(headRow({ tenantId, index: headCount, frontier, chainHash, notBefore: lastHeadAt }, ctx));
      headCount++;
      eventsSinceHead = 0;
      lastHeadAt = latest(lastHeadAt, ctx.now);
    }
  }

  const late = ctx.now.getTime() - lastHeadAt.getTime() >= ctx.heads.everyMs;
  if (eventsSinceHead > 0 && (ctx.forceHead || late)) {
    heads.push(headRow({ tenantId, index: headCount, frontier, chainHash, notBefore: lastHeadAt }, ctx));
    headCount++;
    eventsSinceHead = 0;
    lastHeadAt = latest(lastHeadAt, ctx.now);
  }

  return {
    rows,
    heads,
    acks,
    update: {
      nextSeq: frontier.size,
      chainHash,
      frontier: frontier.toJSON(),
      headCount,
      eventsSinceHead,
      lastHeadAt,
    },
  };
}

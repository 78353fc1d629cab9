import type { FrontierJson } from '../frontier.js';
import type { SqlExecutor } from './sqlClient.js';
import { TENANT_STATE_COLUMNS, type TenantState, tenantStateFromRow } from './tenantState.js';

/** One event to insert: the canonical body plus the columns copied from it for queries. */
export interface EventRowInput {
  readonly seq: number;
  readonly id: string;
  /** ISO 8601, as in the body. */
  readonly time: string;
  readonly type: string;
  readonly lane: string;
  readonly severity: string;
  readonly detector: string;
  readonly traceId: string | null;
  readonly spanId: string | null;
  readonly body: string;
  readonly leafHash: Buffer;
  readonly chainHash: Buffer;
}

/** One signed tree head to insert; `body` is its exact canonical JSON. */
export interface HeadRowInput {
  readonly index: number;
  readonly treeSize: number;
  readonly rootHash: Buffer;
  readonly chainHash: Buffer;
  readonly time: string;
  readonly keyId: string;
  readonly signature: Buffer;
  readonly body: string;
}

/** What the writer may change in the state row at the end of a batch. */
export type TenantStateUpdate = Omit<TenantState, 'tenantId'>;

/** The statements of one append transaction, on the tenant's locked state row. */
export interface AppendSession {
  readonly state: TenantState;
  insertEvents(rows: readonly EventRowInput[]): Promise<void>;
  insertHead(head: HeadRowInput): Promise<void>;
  saveState(update: TenantStateUpdate): Promise<void>;
}

// One JSON document for the whole batch: one statement and two parameters for any batch size,
// serialised by JSON.stringify and parsed by the server (both far faster than array literals).
const INSERT_EVENTS = `INSERT INTO ledger_events
  (tenant_id, seq, id, time, type, lane, severity, detector, trace_id, span_id, body, leaf_hash, chain_hash)
SELECT $1, r.seq, r.id, r.time, r.type, r.lane, r.severity, r.detector, r.trace_id, r.span_id, r.body,
       decode(r.leaf_hash, 'hex'), decode(r.chain_hash, 'hex')
  FROM json_to_recordset($2::json) AS r(seq bigint, id text, time timestamptz, type text, lane text,
       severity text, detector text, trace_id text, span_id text, body text, leaf_hash text, chain_hash text)`;

const INSERT_HEAD = `INSERT INTO ledger_heads
  (tenant_id, idx, tree_size, root_hash, chain_hash, time, key_id, signature, body)
VALUES ($1, $2, $3, decode($4, 'hex'), decode($5, 'hex'), $6::timestamptz, $7, decode($8, 'base64'), $9)`;

const UPDATE_STATE = `UPDATE ledger_state
   SET next_seq = $2, chain_hash = decode($3, 'hex'), frontier = $4, head_count = $5,
       events_since_head = $6, last_head_at = $7::timestamptz, updated_at = now()
 WHERE tenant_id = $1
RETURNING tenant_id`;

const LOCK_STATE = `SELECT ${TENANT_STATE_COLUMNS} FROM ledger_state WHERE tenant_id = $1 FOR UPDATE`;

/**
 * Locks the tenant's state row (creating tenant and state on the first append). The lock is
 * what serialises appenders of one tenant across processes until the transaction ends.
 */
export async function openAppendSession(
  tx: SqlExecutor,
  tenantId: string,
  initial: { chainHash: Buffer; frontier: FrontierJson },
): Promise<AppendSession> {
  let rows = await tx.query(LOCK_STATE, [tenantId]);
  if (rows.length === 0) {
    await tx.query('INSERT INTO ledger_tenants (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING', [tenantId]);
    await tx.query(
      `INSERT INTO ledger_state (tenant_id, chain_hash, frontier) VALUES ($1, decode($2, 'hex'), $3)
       ON CONFLICT DO NOTHING`,
      [tenantId, initial.chainHash.toString('hex'), JSON.stringify(initial.frontier)],
    );
    rows = await tx.query(LOCK_STATE, [tenantId]);
  }
  const row = rows[0];
  if (row === undefined) throw new Error('the tenant state row could not be created');
  const state = tenantStateFromRow(row);

  return {
    state,
    async insertEvents(events) {
      if (events.length === 0) return;
      const batch = events.map((e) => ({
        seq: e.seq,
        id: e.id,
        time: e.time,
        type: e.type,
        lane: e.lane,
        severity: e.severity,
        detector: e.detector,
        trace_id: e.traceId,
        span_id: e.spanId,
        body: e.body,
        leaf_hash: e.leafHash.toString('hex'),
        chain_hash: e.chainHash.toString('hex'),
      }));
      await tx.query(INSERT_EVENTS, [tenantId, JSON.stringify(batch)]);
    },
    async insertHead(head) {
      await tx.query(INSERT_HEAD, [
        tenantId,
        head.index,
        head.treeSize,
        head.rootHash.toString('hex'),
        head.chainHash.toString('hex'),
        head.time,
        head.keyId,
        head.signature.toString('base64'),
        head.body,
      ]);
    },
    async saveState(update) {
      const saved = await tx.query(UPDATE_STATE, [
        tenantId,
        update.nextSeq,
        update.chainHash.toString('hex'),
        JSON.stringify(update.frontier),
        update.headCount,
        update.eventsSinceHead,
        update.lastHeadAt?.toISOString() ?? null,
      ]);
      if (saved.length !== 1) throw new Error('the tenant state row was not updated');
    },
  };
}

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

// The whole batch as one text parameter, one event per line and one column per tab-separated
// field, split by the server: one statement for any batch size, and the canonical JSON body goes
// over the wire as it is (a JSON document would escape every quote in it and make the server
// unescape them again). No field can hold a tab or a newline: canonical JSON escapes control
// characters and the other columns are validated identifiers (eventLine checks it anyway).
const INSERT_EVENTS = `INSERT INTO ledger_events
  (tenant_id, seq, id, time, type, lane, severity, detector, trace_id, span_id, leaf_hash, chain_hash, body)
SELECT $1, f[1]::bigint, f[2], f[3]::timestamptz, f[4], f[5], f[6], f[7], nullif(f[8], ''), nullif(f[9], ''),
       decode(f[10], 'hex'), decode(f[11], 'hex'), f[12]
  FROM string_to_table($2::text, E'\\n') AS line, string_to_array(line, E'\\t') AS f`;

const FIELDS = 12;

/** One line of the INSERT_EVENTS batch. */
function eventLine(e: EventRowInput): string {
  const line =
    `${e.seq}\t${e.id}\t${e.time}\t${e.type}\t${e.lane}\t${e.severity}\t${e.detector}\t${e.traceId ?? ''}\t` +
    `${e.spanId ?? ''}\t${e.leafHash.toString('hex')}\t${e.chainHash.toString('hex')}\t${e.body}`;
  // Exactly the separators written above, so no field brought a tab or a newline of its own.
  let tabs = 0;
  for (let at = line.indexOf('\t'); at !== -1; at = line.indexOf('\t', at + 1)) tabs++;
  if (tabs !== FIELDS - 1 || line.includes('\n'))
    throw new TypeError('an event column holds a tab or a newline');
  return line;
}

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
      let lines = eventLine(events[0]!);
      for (let i = 1; i < events.length; i++) lines += `\n${eventLine(events[i]!)}`;
      // A Buffer goes over the wire as it is (binary format), which PGlite takes much faster than a long string.
      await tx.query(INSERT_EVENTS, [tenantId, Buffer.from(lines, 'utf8')]);
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

import { rowDate, rowHexBuffer, rowNumber, rowString } from './rows.js';
import type { SqlClient, SqlExecutor, SqlRow, TransactionScope } from './sqlClient.js';
import { guardStore } from './storeErrors.js';
import { TENANT_STATE_COLUMNS, type TenantState, tenantStateFromRow } from './tenantState.js';

/** An event row as stored: `body` is the exact canonical JSON the leaf hash was computed from. */
export interface StoredEvent {
  readonly tenantId: string;
  readonly seq: number;
  readonly id: string;
  readonly time: Date;
  readonly body: string;
  readonly leafHash: Buffer;
  readonly chainHash: Buffer;
  /** The indexed copies of body fields that queries filter on (verification compares them). */
  readonly columns: IndexedColumns;
}

export interface IndexedColumns {
  readonly type: string;
  readonly lane: string;
  readonly severity: string;
  readonly detector: string;
  readonly traceId: string | null;
  readonly spanId: string | null;
}

/** A signed tree head row: `body` is the exact canonical JSON of the SignedTreeHead. */
export interface StoredHead {
  readonly tenantId: string;
  readonly index: number;
  readonly treeSize: number;
  readonly body: string;
}

export interface ReadEventsOptions {
  /** First seq to read (default 0). */
  readonly fromSeq?: number;
  /** Stop before this seq (default: the end of the log). */
  readonly toSeq?: number;
  /** Yield at most this many events. */
  readonly limit?: number;
  /** Rows fetched per transaction (default 1000). */
  readonly pageSize?: number;
}

/** Reads of one tenant's log. Every read runs in its own read-only transaction under RLS. */
export interface LedgerReader {
  /** Runs `fn` in one read-only transaction that sees only `tenantId`'s rows (queries, stats). */
  read<T>(tenantId: string, fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** The tenant's events in seq order, fetched page by page (keyset on seq). */
  readEvents(tenantId: string, options?: ReadEventsOptions): AsyncIterable<StoredEvent>;
  readEvent(tenantId: string, id: string): Promise<StoredEvent | undefined>;
  /** The seq of each of `ids` that is in the tenant's log. */
  readEventSeqs(tenantId: string, ids: readonly string[]): Promise<Map<string, number>>;
  /** Signed tree heads in index order. */
  readHeads(tenantId: string): Promise<StoredHead[]>;
  /** Leaf hashes of seq 0 … upTo-1, for inclusion and consistency proofs. */
  readLeafHashes(tenantId: string, upTo: number): Promise<Buffer[]>;
  readState(tenantId: string): Promise<TenantState | undefined>;
}

// Hashes as hex: far cheaper to decode than PGlite's bytea, and no dearer on pg.
const EVENT_COLUMNS = `tenant_id, seq, id, time, body, encode(leaf_hash, 'hex') AS leaf_hash,
  encode(chain_hash, 'hex') AS chain_hash, type, lane, severity, detector, trace_id, span_id`;
const DEFAULT_PAGE = 1000;
const LEAF_PAGE = 10_000;

function storedEvent(row: SqlRow): StoredEvent {
  return {
    tenantId: rowString(row.tenant_id),
    seq: rowNumber(row.seq),
    id: rowString(row.id),
    time: rowDate(row.time),
    body: rowString(row.body),
    leafHash: rowHexBuffer(row.leaf_hash),
    chainHash: rowHexBuffer(row.chain_hash),
    columns: {
      type: rowString(row.type),
      lane: rowString(row.lane),
      severity: rowString(row.severity),
      detector: rowString(row.detector),
      traceId: row.trace_id === null ? null : rowString(row.trace_id),
      spanId: row.span_id === null ? null : rowString(row.span_id),
    },
  };
}

function checkSeq(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer`);
  return value;
}

/**
 * A LedgerReader whose transactions run in the scope `open` gives for a tenant: the app role
 * for the writer's own reads, the auditor role (recorded) for the cross-tenant path.
 */
export function createReader(
  client: SqlClient,
  open: (tenantId: string) => Promise<TransactionScope>,
): LedgerReader {
  async function inTenant<T>(
    what: string,
    tenantId: string,
    fn: (tx: SqlExecutor) => Promise<T>,
  ): Promise<T> {
    return guardStore(what, async () => client.transaction(await open(tenantId), fn));
  }

  return {
    read: (tenantId, fn) => inTenant('read the ledger', tenantId, fn),

    async *readEvents(tenantId, options = {}) {
      let next = checkSeq('fromSeq', options.fromSeq ?? 0);
      const end = options.toSeq === undefined ? Number.MAX_SAFE_INTEGER : checkSeq('toSeq', options.toSeq);
      let left = options.limit === undefined ? Number.MAX_SAFE_INTEGER : checkSeq('limit', options.limit);
      const pageSize = Math.max(1, Math.min(options.pageSize ?? DEFAULT_PAGE, 100_000));
      while (next < end && left > 0) {
        const want = Math.min(pageSize, left);
        const rows = await inTenant('read events', tenantId, (tx) =>
          tx.query(
            `SELECT ${EVENT_COLUMNS} FROM ledger_events
              WHERE tenant_id = $1 AND seq >= $2 AND seq < $3 ORDER BY seq LIMIT $4`,
            [tenantId, next, end, want],
          ),
        );
        for (const row of rows) yield storedEvent(row);
        if (rows.length < want) return;
        left -= rows.length;
        next = rowNumber(rows[rows.length - 1]?.seq) + 1;
      }
    },

    async readEvent(tenantId, id) {
      const rows = await inTenant('read an event', tenantId, (tx) =>
        tx.query(`SELECT ${EVENT_COLUMNS} FROM ledger_events WHERE tenant_id = $1 AND id = $2`, [
          tenantId,
          id,
        ]),
      );
      return rows[0] === undefined ? undefined : storedEvent(rows[0]);
    },

    async readEventSeqs(tenantId, ids) {
      const rows = await inTenant('read events', tenantId, (tx) =>
        tx.query('SELECT id, seq FROM ledger_events WHERE tenant_id = $1 AND id = ANY($2::text[])', [
          tenantId,
          [...ids],
        ]),
      );
      return new Map(rows.map((row) => [rowString(row.id), rowNumber(row.seq)]));
    },

    async readHeads(tenantId) {
      const rows = await inTenant('read tree heads', tenantId, (tx) =>
        tx.query(
          'SELECT tenant_id, idx, tree_size, body FROM ledger_heads WHERE tenant_id = $1 ORDER BY idx',
          [tenantId],
        ),
      );
      return rows.map((row) => ({
        tenantId: rowString(row.tenant_id),
        index: rowNumber(row.idx),
        treeSize: rowNumber(row.tree_size),
        body: rowString(row.body),
      }));
    },

    async readLeafHashes(tenantId, upTo) {
      const end = checkSeq('upTo', upTo);
      const hashes: Buffer[] = [];
      while (hashes.length < end) {
        const from = hashes.length;
        const rows = await inTenant('read leaf hashes', tenantId, (tx) =>
          tx.query(
            `SELECT seq, encode(leaf_hash, 'hex') AS leaf_hash FROM ledger_events
              WHERE tenant_id = $1 AND seq >= $2 AND seq < $3 ORDER BY seq LIMIT $4`,
            [tenantId, from, end, LEAF_PAGE],
          ),
        );
        for (const row of rows) {
          // A gap means rows are missing: return the contiguous prefix; proofs against it fail loudly.
          if (rowNumber(row.seq) !== hashes.length) return hashes;
          hashes.push(rowHexBuffer(row.leaf_hash));
        }
        if (rows.length < LEAF_PAGE) break;
      }
      return hashes;
    },

    async readState(tenantId) {
      const rows = await inTenant('read the writer state', tenantId, (tx) =>
        tx.query(`SELECT ${TENANT_STATE_COLUMNS} FROM ledger_state WHERE tenant_id = $1`, [tenantId]),
      );
      return rows[0] === undefined ? undefined : tenantStateFromRow(rows[0]);
    },
  };
}

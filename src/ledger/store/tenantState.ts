import type { FrontierJson } from '../frontier.js';
import { rowBuffer, rowDate, rowNumber, rowString } from './rows.js';
import type { SqlRow } from './sqlClient.js';

/** The per-tenant writer state (ledger_state): where the next append continues. */
export interface TenantState {
  readonly tenantId: string;
  readonly nextSeq: number;
  /** Chain hash of the last event (the genesis hash before the first). */
  readonly chainHash: Buffer;
  readonly frontier: FrontierJson;
  /** Number of signed tree heads so far: the index of the next one. */
  readonly headCount: number;
  readonly eventsSinceHead: number;
  readonly lastHeadAt: Date | null;
}

export const TENANT_STATE_COLUMNS =
  'tenant_id, next_seq, chain_hash, frontier, head_count, events_since_head, last_head_at';

export function tenantStateFromRow(row: SqlRow): TenantState {
  let frontier: unknown;
  try {
    frontier = JSON.parse(rowString(row.frontier));
  } catch {
    throw new TypeError('the stored Merkle frontier is not JSON');
  }
  return {
    tenantId: rowString(row.tenant_id),
    nextSeq: rowNumber(row.next_seq),
    chainHash: rowBuffer(row.chain_hash),
    // MerkleFrontier.fromJSON validates the shape when the writer resumes from it.
    frontier: frontier as FrontierJson,
    headCount: rowNumber(row.head_count),
    eventsSinceHead: rowNumber(row.events_since_head),
    lastHeadAt: row.last_head_at == null ? null : rowDate(row.last_head_at),
  };
}

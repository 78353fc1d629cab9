import type { LedgerStore } from '../../ledger/index.js';
import { at, epochMs, inTenant, rowMs, rowOptionalText, rowText } from './execStoreErrors.js';

export interface KeyClaimRequest {
  readonly tenantId: string;
  readonly key: string;
  readonly tool: string;
  readonly argsHash: string;
  /** A random id of this attempt: only its holder may complete the key. */
  readonly holder: string;
  readonly now: number;
  /** How long the claim holds before another caller may take it over (the holder died). */
  readonly leaseMs: number;
}

export type KeyClaim =
  | { readonly kind: 'claimed'; readonly takeover: boolean }
  | { readonly kind: 'replay'; readonly resultJson: string; readonly receiptJson: string | null }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'running'; readonly leaseUntil: number };

/**
 * Claims an idempotency key. The INSERT races on the primary key, so of two concurrent claims
 * exactly one wins, on PGlite and on a PostgreSQL server alike; the loser reads the winner's row
 * (locked FOR UPDATE, so a takeover is also decided by one transaction).
 */
export function claimKey(store: LedgerStore, request: KeyClaimRequest): Promise<KeyClaim> {
  const { tenantId, key, tool, argsHash, holder, now, leaseMs } = request;
  return inTenant(store, tenantId, 'claim an idempotency key', async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO exec_idempotency
         (tenant_id, key, tool, args_hash, status, holder, lease_until, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'running', $5, $6::timestamptz, $7::timestamptz, $7::timestamptz)
       ON CONFLICT (tenant_id, key) DO NOTHING
       RETURNING key`,
      [tenantId, key, tool, argsHash, holder, at(now + leaseMs), at(now)],
    );
    if (inserted.length === 1) return { kind: 'claimed', takeover: false };
    const rows = await tx.query(
      `SELECT tool, args_hash, status, result, receipt, ${epochMs('lease_until')} AS lease_ms
         FROM exec_idempotency WHERE tenant_id = $1 AND key = $2 FOR UPDATE`,
      [tenantId, key],
    );
    const row = rows[0];
    if (row === undefined) throw new TypeError('idempotency row vanished');
    if (rowText(row.tool) !== tool || rowText(row.args_hash) !== argsHash) return { kind: 'conflict' };
    const status = rowText(row.status);
    if (status === 'succeeded') {
      return { kind: 'replay', resultJson: rowText(row.result), receiptJson: rowOptionalText(row.receipt) };
    }
    const leaseUntil = rowMs(row.lease_ms);
    // A failed call may be tried again with its key; a running one only once its holder is gone.
    if (status === 'failed' || leaseUntil <= now) {
      await tx.query(
        `UPDATE exec_idempotency
            SET status = 'running', holder = $3, lease_until = $4::timestamptz, error_code = NULL,
                updated_at = $5::timestamptz
          WHERE tenant_id = $1 AND key = $2`,
        [tenantId, key, holder, at(now + leaseMs), at(now)],
      );
      return { kind: 'claimed', takeover: true };
    }
    return { kind: 'running', leaseUntil };
  });
}

export interface KeyCompletion {
  readonly tenantId: string;
  readonly key: string;
  readonly holder: string;
  readonly now: number;
  readonly outcome:
    | { readonly status: 'succeeded'; readonly resultJson: string; readonly receiptJson: string }
    | { readonly status: 'failed'; readonly errorCode: string; readonly receiptJson: string | null };
}

/** Records the outcome; false when the claim was lost (its lease ran out and another caller took it). */
export function completeKey(store: LedgerStore, completion: KeyCompletion): Promise<boolean> {
  const { tenantId, key, holder, now, outcome } = completion;
  return inTenant(store, tenantId, 'complete an idempotency key', async (tx) => {
    const rows = await tx.query(
      `UPDATE exec_idempotency
          SET status = $4, result = $5, error_code = $6, receipt = $7, updated_at = $8::timestamptz
        WHERE tenant_id = $1 AND key = $2 AND holder = $3 AND status = 'running'
        RETURNING key`,
      [
        tenantId,
        key,
        holder,
        outcome.status,
        outcome.status === 'succeeded' ? outcome.resultJson : null,
        outcome.status === 'failed' ? outcome.errorCode : null,
        outcome.receiptJson,
        at(now),
      ],
    );
    return rows.length === 1;
  });
}

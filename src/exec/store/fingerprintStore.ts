import type { LedgerStore } from '../../ledger/index.js';
import { at, inTenant, rowText } from './execStoreErrors.js';

/**
 * Stores the fingerprint of `kind` (e.g. the tool registry) and returns the one it replaces:
 * undefined on a first start, the same value when nothing changed.
 */
export function swapFingerprint(
  store: LedgerStore,
  tenantId: string,
  kind: string,
  fingerprint: string,
  now: number,
): Promise<string | undefined> {
  return inTenant(store, tenantId, 'record a configuration fingerprint', async (tx) => {
    const rows = await tx.query(
      'SELECT fingerprint FROM exec_fingerprints WHERE tenant_id = $1 AND kind = $2 FOR UPDATE',
      [tenantId, kind],
    );
    const previous = rows[0] === undefined ? undefined : rowText(rows[0].fingerprint);
    if (previous !== fingerprint) {
      await tx.query(
        `INSERT INTO exec_fingerprints (tenant_id, kind, fingerprint, updated_at)
         VALUES ($1, $2, $3, $4::timestamptz)
         ON CONFLICT (tenant_id, kind) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
           updated_at = EXCLUDED.updated_at`,
        [tenantId, kind, fingerprint, at(now)],
      );
    }
    return previous;
  });
}

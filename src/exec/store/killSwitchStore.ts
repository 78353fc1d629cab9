import type { LedgerStore } from '../../ledger/index.js';
import { at, epochMs, inTenant, rowMs, rowText } from './execStoreErrors.js';

export interface KillSwitchState {
  readonly engaged: boolean;
  readonly actor: string | null;
  readonly reason: string | null;
  readonly updatedAt: number | null;
}

const OFF: KillSwitchState = Object.freeze({ engaged: false, actor: null, reason: null, updatedAt: null });

export function readKillSwitch(store: LedgerStore, tenantId: string): Promise<KillSwitchState> {
  return inTenant(store, tenantId, 'read the kill switch', async (tx) => {
    const rows = await tx.query(
      `SELECT engaged, actor, reason, ${epochMs('updated_at')} AS updated_ms FROM exec_kill_switches WHERE tenant_id = $1`,
      [tenantId],
    );
    const row = rows[0];
    if (row === undefined) return OFF;
    return {
      engaged: row.engaged === true,
      actor: rowText(row.actor),
      reason: rowText(row.reason),
      updatedAt: rowMs(row.updated_ms),
    };
  });
}

export function writeKillSwitch(
  store: LedgerStore,
  tenantId: string,
  state: { readonly engaged: boolean; readonly actor: string; readonly reason: string; readonly now: number },
): Promise<void> {
  return inTenant(store, tenantId, 'set the kill switch', async (tx) => {
    await tx.query(
      `INSERT INTO exec_kill_switches (tenant_id, engaged, actor, reason, updated_at)
       VALUES ($1, $2, $3, $4, $5::timestamptz)
       ON CONFLICT (tenant_id) DO UPDATE
         SET engaged = EXCLUDED.engaged, actor = EXCLUDED.actor, reason = EXCLUDED.reason,
             updated_at = EXCLUDED.updated_at`,
      [tenantId, state.engaged, state.actor, state.reason, at(state.now)],
    );
  });
}

import type { Ledger } from '../ledger/index.js';
import { killSwitchEvent } from './execEvents.js';
import { type KillSwitchState, readKillSwitch, writeKillSwitch } from './store/killSwitchStore.js';

/** A tenant's kill switch: engaged, everything with a side effect waits for a person. */
export interface KillSwitch {
  state(tenantId: string): Promise<KillSwitchState>;
  engage(tenantId: string, by: { readonly actor: string; readonly reason: string }): Promise<void>;
  release(tenantId: string, by: { readonly actor: string; readonly reason: string }): Promise<void>;
}

/**
 * Kill switches live in the store so every replica sees them; each process caches a tenant's
 * state for `cacheMs` (a switch thrown on another replica takes effect here within that time;
 * one thrown here takes effect at once). The change is logged before it is stored.
 */
export function createKillSwitch(ledger: Ledger, clock: () => number, cacheMs: number): KillSwitch {
  const cache = new Map<string, { state: KillSwitchState; until: number }>();
  const MAX_CACHED = 10_000;

  async function state(tenantId: string): Promise<KillSwitchState> {
    const now = clock();
    const hit = cache.get(tenantId);
    if (hit !== undefined && hit.until > now) return hit.state;
    const fresh = await readKillSwitch(ledger.store, tenantId);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(tenantId, { state: fresh, until: now + cacheMs });
    return fresh;
  }

  async function set(
    tenantId: string,
    engaged: boolean,
    by: { actor: string; reason: string },
  ): Promise<void> {
    const now = clock();
    await ledger.logRiskEvent(
      killSwitchEvent({ tenantId, principal: by.actor, traceId: undefined, engaged, reason: by.reason }),
    );
    await writeKillSwitch(ledger.store, tenantId, { engaged, actor: by.actor, reason: by.reason, now });
    cache.set(tenantId, {
      state: { engaged, actor: by.actor, reason: by.reason, updatedAt: now },
      until: now + cacheMs,
    });
  }

  return {
    state,
    engage: (tenantId, by) => set(tenantId, true, by),
    release: (tenantId, by) => set(tenantId, false, by),
  };
}

import { buildRiskEvent } from '../buildRiskEvent.js';
import { createEventIdFactory } from '../eventId.js';
import type { RiskEventInput } from '../eventSchema.js';
import { createSigner, generateSigningKeyPem, type LedgerSigner } from '../signing.js';
import type { LedgerStore } from '../store/ledgerStore.js';
import { type AppendPlan, planAppend } from '../writerBatch.js';
import { sampleEvent } from './sampleEvents.js';

const nextId = createEventIdFactory();

/** A throwaway signer for tests. */
export function testSigner(): LedgerSigner {
  return createSigner(generateSigningKeyPem());
}

/**
 * Appends `count` sample events (or the given inputs) to a tenant through the store directly, the
 * way the writer does, with a head after every `everyEvents`.
 */
export async function appendSample(
  store: LedgerStore,
  tenantId: string,
  count: number,
  options: { signer?: LedgerSigner; everyEvents?: number; inputs?: RiskEventInput[] } = {},
): Promise<AppendPlan> {
  const signer = options.signer ?? testSigner();
  const inputs = options.inputs ?? Array.from({ length: count }, (_, i) => sampleEvent(tenantId, i));
  const events = inputs.map((input) => {
    const now = new Date();
    return buildRiskEvent(input, { id: nextId(now), seq: 0, time: now });
  });
  return store.append(tenantId, async (session) => {
    const plan = planAppend(session.state, events, {
      signer,
      heads: { everyEvents: options.everyEvents ?? 1000, everyMs: 3_600_000 },
      now: new Date(),
      forceHead: false,
    });
    await session.insertEvents(plan.rows);
    for (const head of plan.heads) await session.insertHead(head);
    await session.saveState(plan.update);
    return plan;
  });
}

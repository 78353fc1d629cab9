import type { Ledger, RiskEventInput } from '../../src/ledger/index.js';

/** How long a producer waits for room before logRiskEvent gives up (never, in practice). */
const WAIT_MS = 120_000;

/**
 * Logs `count` events as fast as the ledger takes them: many concurrent `logRiskEvent` calls, the
 * way a busy gateway makes them, pausing on `ready()` when the bounded queue is full. Resolves
 * once every event is committed and the heads are signed; rejects if any event was refused.
 */
export async function logAll(
  ledger: Ledger,
  count: number,
  input: (i: number) => RiskEventInput,
  onAck?: (i: number) => void,
): Promise<void> {
  const capacity = ledger.stats().capacity;
  let failure: unknown;
  for (let i = 0; i < count && failure === undefined; i++) {
    if (ledger.stats().pending >= capacity) await ledger.ready();
    const n = i;
    ledger.logRiskEvent(input(i), { waitMs: WAIT_MS }).then(
      () => onAck?.(n),
      (error: unknown) => {
        failure ??= error;
      },
    );
  }
  // Settles every event accepted so far, then signs heads over them.
  await ledger.flush();
  if (failure !== undefined) throw failure;
}

/**
 * A writer process for the crash test (ledger.crash.test.ts): appends sample events as fast as
 * it can and prints the id of every event whose logRiskEvent promise resolved, one per line,
 * until it is killed. Run with `node --import tsx crashWriter.ts`; configured by the JSON in
 * MAESTRO_CRASH_CONFIG: { engine: 'pglite' | 'postgres', dataDir, tenantId, url?, roles? }.
 */
import { createLedger } from '../ledger.js';
import { createPgliteStore } from '../store/createPgliteStore.js';
import { createPostgresStore } from '../store/createPostgresStore.js';
import type { LedgerRoles } from '../store/roles.js';
import { sampleEvent } from './sampleEvents.js';

interface CrashConfig {
  engine: 'pglite' | 'postgres';
  dataDir: string;
  tenantId: string;
  url?: string;
  roles?: LedgerRoles;
}

const config = JSON.parse(process.env.MAESTRO_CRASH_CONFIG ?? '{}') as CrashConfig;
const store =
  config.engine === 'postgres'
    ? await createPostgresStore({ connectionString: config.url, roles: config.roles })
    : await createPgliteStore({ dataDir: config.dataDir });
const ledger = createLedger({
  store,
  dataDir: config.dataDir,
  heads: { everyEvents: 25, everyMs: 60_000 },
  queue: { maxBatch: 16, flushMs: 0 },
});
process.stdout.write('ready\n');

let n = 0;
const inFlight = new Set<Promise<void>>();
for (;;) {
  const logged = ledger.logRiskEvent(sampleEvent(config.tenantId, n++)).then((ack) => {
    process.stdout.write(`${ack.id}\n`);
  });
  const tracked = logged.finally(() => inFlight.delete(tracked));
  inFlight.add(tracked);
  if (inFlight.size >= 64) await Promise.race(inFlight);
}

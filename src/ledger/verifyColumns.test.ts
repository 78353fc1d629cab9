import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger, type Ledger } from './ledger.js';
import { testSigner } from './testing/appendSample.js';
import { sampleEvent } from './testing/sampleEvents.js';
import type { TestDatabase } from './testing/testDatabase.js';
import { TEST_ENGINES } from './testing/testDatabases.js';

describe.each(TEST_ENGINES)('verification of the indexed columns on $engine', ({ create }) => {
  let db: TestDatabase;
  let ledger: Ledger;

  beforeAll(async () => {
    db = await create();
    ledger = createLedger({ store: await db.createStore(), signer: testSigner(), closeStore: false });
    await Promise.all([0, 3, 6].map((n) => ledger.logRiskEvent(sampleEvent('cols', n))));
    await ledger.flush();
  });
  afterAll(async () => {
    await ledger?.close();
    await db?.drop();
  });

  it('an intruder who rewrites a queried column (to hide an injection) is caught, though the body is intact', async () => {
    expect((await ledger.verify('cols')).ok).toBe(true);
    // Going around the store as a superuser: switch the trigger off, relabel the event, switch it on.
    await db.sql.transaction({ tenantId: 'cols' }, async (tx) => {
      await tx.exec('ALTER TABLE ledger_events DISABLE TRIGGER ledger_events_append_only');
      await tx.query("UPDATE ledger_events SET type = 'tool_result' WHERE tenant_id = 'cols' AND seq = 1");
      await tx.exec('ALTER TABLE ledger_events ENABLE TRIGGER ledger_events_append_only');
    });
    const hidden = await ledger.queryRiskEvents({ tenantId: 'cols', types: ['injection'] });
    expect(hidden.events).toHaveLength(2); // the query no longer sees it …
    const report = await ledger.verify('cols');
    expect(report.ok).toBe(false); // … but verification does
    expect(report.tenants[0]!.problems).toContainEqual(
      expect.objectContaining({ code: 'COLUMN_MISMATCH', seq: 1, level: 'error' }),
    );
  });
});

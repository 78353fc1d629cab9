import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RiskEvent } from '../ledger/index.js';
import type { TestDatabase } from '../ledger/testing/testDatabase.js';
import { TEST_ENGINES } from '../ledger/testing/testDatabases.js';
import { agent, type ExecHarness, execHarness } from './testing/execFixture.js';

async function receipts(h: ExecHarness): Promise<RiskEvent[]> {
  await h.ledger.flush();
  return (await h.ledger.queryRiskEvents({ tenantId: 'acme', types: ['receipt'], limit: 500 })).events;
}

describe.each(TEST_ENGINES)('idempotency keys on $engine', ({ create }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await create();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('the same key with the same arguments returns the stored result without running again', async () => {
    const h = await execHarness({ database });
    const intent = { tool: 'notes.write', args: { id: 'n1', text: 'hello' }, idempotencyKey: 'k-same' };
    const first = await h.executor.propose(intent, agent());
    const second = await h.executor.propose(intent, agent());
    expect(first.status).toBe('succeeded');
    expect(second).toMatchObject({ status: 'succeeded', replayed: true });
    if (first.status === 'succeeded' && second.status === 'succeeded') {
      expect(second.result).toEqual(first.result);
      // The replay hands back the receipt of the run that produced the result.
      expect(second.receipt?.id).toBe(first.receipt?.id);
    }
    expect(h.tools.calls.write).toHaveLength(1);
    await h.close();
  });

  it('the same key with other arguments, or for another tool, is rejected', async () => {
    const h = await execHarness({ database });
    await h.executor.propose(
      { tool: 'notes.write', args: { id: 'n1', text: 'a' }, idempotencyKey: 'k-conflict' },
      agent(),
    );
    const changed = await h.executor.propose(
      { tool: 'notes.write', args: { id: 'n1', text: 'b' }, idempotencyKey: 'k-conflict' },
      agent(),
    );
    expect(changed).toMatchObject({ status: 'blocked', error: { code: 'ERR_IDEMPOTENCY_CONFLICT' } });
    const otherTool = await h.executor.propose(
      { tool: 'notes.read', args: { id: 'n1' }, idempotencyKey: 'k-conflict' },
      agent(),
    );
    expect(otherTool).toMatchObject({ status: 'blocked', error: { code: 'ERR_IDEMPOTENCY_CONFLICT' } });
    expect(h.tools.calls.write).toHaveLength(1);
    await h.close();
  });

  it('keys are per tenant: another tenant may use the same key', async () => {
    const h = await execHarness({ database });
    const intent = { tool: 'notes.write', args: { id: 'n', text: 't' }, idempotencyKey: 'k-tenant' };
    expect((await h.executor.propose(intent, agent('agent:a', 'acme'))).status).toBe('succeeded');
    expect(await h.executor.propose(intent, agent('agent:a', 'globex'))).toMatchObject({
      status: 'succeeded',
      replayed: false,
    });
    expect(h.tools.calls.write).toHaveLength(2);
    await h.close();
  });

  it('concurrent calls with one key run the tool once and all get its result (two executors, one store)', async () => {
    const a = await execHarness({ database });
    const b = await execHarness({ database, tools: a.tools });
    let open!: () => void;
    a.tools.writeGate = new Promise((resolve) => {
      open = resolve;
    });
    const intent = { tool: 'notes.write', args: { id: 'race', text: 'once' }, idempotencyKey: 'k-race' };
    const calls = Array.from({ length: 8 }, (_, i) =>
      (i % 2 === 0 ? a : b).executor.propose(intent, agent()),
    );
    setTimeout(() => open(), 100);
    const outcomes = await Promise.all(calls);
    expect(outcomes.map((o) => o.status)).toEqual(Array(8).fill('succeeded'));
    expect(a.tools.calls.write).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'succeeded' && !o.replayed)).toHaveLength(1);
    expect((await receipts(a)).filter((e) => e.attributes.idempotencyKey === 'k-race')).toHaveLength(1);
    a.tools.writeGate = undefined;
    await a.close();
    await b.close();
  });

  it('a caller that waits longer than idempotencyWaitMs for a running key gets ERR_IDEMPOTENCY_IN_PROGRESS', async () => {
    const h = await execHarness({ database, idempotencyWaitMs: 50 });
    let open!: () => void;
    h.tools.writeGate = new Promise((resolve) => {
      open = resolve;
    });
    const intent = { tool: 'notes.write', args: { id: 'slow', text: 'x' }, idempotencyKey: 'k-slow' };
    const first = h.executor.propose(intent, agent());
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await h.executor.propose(intent, agent());
    expect(second).toMatchObject({ status: 'failed', error: { code: 'ERR_IDEMPOTENCY_IN_PROGRESS' } });
    open();
    expect((await first).status).toBe('succeeded');
    expect(await h.executor.propose(intent, agent())).toMatchObject({ status: 'succeeded', replayed: true });
    expect(h.tools.calls.write).toHaveLength(1);
    h.tools.writeGate = undefined;
    await h.close();
  });

  it('property: for any interleaving of keys and arguments, each (key, args) runs at most once and conflicts never run', async () => {
    const h = await execHarness({ database });
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c'), text: fc.constantFrom('x', 'y') }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (calls) => {
          round++;
          const before = h.tools.calls.write.length;
          const outcomes = await Promise.all(
            calls.map((c) =>
              h.executor.propose(
                {
                  tool: 'notes.write',
                  args: { id: 'p', text: c.text },
                  idempotencyKey: `r${round}-${c.key}`,
                },
                agent(),
              ),
            ),
          );
          const ran = h.tools.calls.write.length - before;
          const keys = new Set(calls.map((c) => c.key));
          // At most one run per key; a key whose first winner had other args conflicts, never runs.
          expect(ran).toBeLessThanOrEqual(keys.size);
          expect(ran).toBe(outcomes.filter((o) => o.status === 'succeeded' && !o.replayed).length);
          for (const [i, outcome] of outcomes.entries()) {
            expect(['succeeded', 'blocked']).toContain(outcome.status);
            if (outcome.status === 'blocked') expect(outcome.error.code).toBe('ERR_IDEMPOTENCY_CONFLICT');
            if (outcome.status === 'succeeded') expect(outcome.result).toBeDefined();
            expect(calls[i]).toBeDefined();
          }
        },
      ),
      { numRuns: 15 },
    );
    await h.close();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { RiskEvent } from '../ledger/index.js';
import type { ProposeOutcome } from './outcome.js';
import { agent, type ExecHarness, execHarness } from './testing/execFixture.js';

let harness: ExecHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function approvalEvents(h: ExecHarness): Promise<RiskEvent[]> {
  await h.ledger.flush();
  return (await h.ledger.queryRiskEvents({ tenantId: 'acme', types: ['approval'], order: 'asc', limit: 500 }))
    .events;
}

function approvalId(outcome: ProposeOutcome): string {
  if (outcome.status !== 'pending_approval')
    throw new Error(`expected pending_approval, got ${JSON.stringify(outcome)}`);
  return outcome.approval.id;
}

const pay = (amount: number, to = 'acct-1') => ({ tool: 'payments.send', args: { amount, to } });

describe('approvals (MAN mode)', () => {
  it('a financial call waits; the requester cannot approve it; another person can; resume runs it once', async () => {
    harness = await execHarness();
    const h = harness;
    const id = approvalId(await h.executor.propose(pay(500), agent('agent:billing')));
    expect(h.tools.calls.pay).toEqual([]);
    const detail = await h.executor.approvals.get('acme', id);
    expect(detail).toMatchObject({
      tool: 'payments.send',
      args: { amount: 500, to: 'acct-1' },
      status: 'pending',
      reasons: ['effect'],
    });

    await expect(
      h.executor.approvals.approve('acme', id, { approver: 'agent:billing' }),
    ).rejects.toMatchObject({
      code: 'ERR_APPROVAL_FORBIDDEN',
    });
    await expect(h.executor.resume('acme', id)).resolves.toMatchObject({
      status: 'blocked',
      error: { code: 'ERR_APPROVAL_STATE' },
    });
    await h.executor.approvals.approve('acme', id, { approver: 'user:alice', note: 'ok' });
    const run = await h.executor.resume('acme', id);
    expect(run).toMatchObject({
      status: 'succeeded',
      lane: 'confirm',
      receipt: { approvalId: id, approver: 'user:alice' },
    });
    expect(h.tools.calls.pay).toEqual([{ amount: 500, to: 'acct-1' }]);
    await expect(h.executor.resume('acme', id)).resolves.toMatchObject({
      status: 'blocked',
      error: { code: 'ERR_APPROVAL_STATE' },
    });
    expect(h.tools.calls.pay).toHaveLength(1);
    expect((await h.executor.approvals.get('acme', id)).status).toBe('executed');
    expect((await approvalEvents(h)).map((e) => e.attributes.action)).toEqual(['requested', 'approved']);
  });

  it('is bound to the exact arguments: approving one call never approves a changed one', async () => {
    harness = await execHarness();
    const h = harness;
    const id = approvalId(await h.executor.propose(pay(500), agent('agent:billing')));
    await h.executor.approvals.approve('acme', id, { approver: 'user:alice' });
    const changed = await h.executor.propose(pay(5000), agent('agent:billing'));
    expect(approvalId(changed)).not.toBe(id);
    expect(h.tools.calls.pay).toEqual([]);
    // The approved call itself, proposed again, runs under its approval (once).
    const same = await h.executor.propose(pay(500), agent('agent:billing'));
    expect(same).toMatchObject({ status: 'succeeded', receipt: { approvalId: id } });
    expect(h.tools.calls.pay).toEqual([{ amount: 500, to: 'acct-1' }]);
    // Another requester's identical call is not covered by it.
    expect((await h.executor.propose(pay(500), agent('agent:other'))).status).toBe('pending_approval');
  });

  it('denied and expired requests never run (fake clock)', async () => {
    harness = await execHarness({ approvals: { ttlMs: 60_000 } });
    const h = harness;
    const denied = approvalId(await h.executor.propose(pay(100), agent()));
    await h.executor.approvals.deny('acme', denied, { approver: 'user:alice' });
    await expect(h.executor.resume('acme', denied)).resolves.toMatchObject({ status: 'blocked' });
    const late = approvalId(await h.executor.propose(pay(200), agent()));
    h.clock.advance(60_001);
    await expect(
      h.executor.approvals.approve('acme', late, { approver: 'user:alice' }),
    ).rejects.toMatchObject({
      code: 'ERR_APPROVAL_STATE',
    });
    expect((await h.executor.approvals.get('acme', late)).status).toBe('expired');
    const approvedLate = approvalId(await h.executor.propose(pay(300), agent()));
    await h.executor.approvals.approve('acme', approvedLate, { approver: 'user:alice' });
    h.clock.advance(60_001);
    await expect(h.executor.resume('acme', approvedLate)).resolves.toMatchObject({ status: 'blocked' });
    expect(h.tools.calls.pay).toEqual([]);
    const actions = (await approvalEvents(h)).map((e) => e.attributes.action);
    expect(actions.filter((a) => a === 'expired')).toHaveLength(2);
  });

  it('are tenant-scoped: another tenant cannot see, approve or resume them', async () => {
    harness = await execHarness();
    const h = harness;
    const id = approvalId(await h.executor.propose(pay(100), agent()));
    await expect(h.executor.approvals.get('globex', id)).rejects.toMatchObject({
      code: 'ERR_APPROVAL_NOT_FOUND',
    });
    await expect(h.executor.approvals.approve('globex', id, { approver: 'user:bob' })).rejects.toMatchObject({
      code: 'ERR_APPROVAL_NOT_FOUND',
    });
    expect((await h.executor.approvals.list('globex')).items).toEqual([]);
  });

  it('a flood is summarised, not queued without bound (OWASP agentic T10)', async () => {
    harness = await execHarness({ approvals: { maxPending: 5, maxPendingPerRequester: 3 } });
    const h = harness;
    const outcomes: ProposeOutcome[] = [];
    for (let i = 1; i <= 10; i++) outcomes.push(await h.executor.propose(pay(i), agent('agent:runaway')));
    expect(outcomes.filter((o) => o.status === 'pending_approval')).toHaveLength(3);
    const deferred = outcomes.filter((o) => o.status === 'deferred');
    expect(deferred).toHaveLength(7);
    expect(deferred[6]).toMatchObject({
      error: { code: 'ERR_APPROVAL_QUEUE_FULL' },
      summary: { suppressed: 7 },
    });
    // The same call again joins its pending request instead of adding one.
    const again = await h.executor.propose(pay(1), agent('agent:runaway'));
    expect(again).toMatchObject({ status: 'pending_approval', approval: { id: approvalId(outcomes[0]!) } });
    // Other requesters still get through until the tenant's limit.
    expect((await h.executor.propose(pay(1), agent('agent:b'))).status).toBe('pending_approval');
    expect((await h.executor.propose(pay(2), agent('agent:b'))).status).toBe('pending_approval');
    expect((await h.executor.propose(pay(3), agent('agent:b'))).status).toBe('deferred');
    const list = await h.executor.approvals.list('acme');
    expect(list.items).toHaveLength(5);
    expect(list.overflow).toEqual([
      expect.objectContaining({ tool: 'payments.send', requester: 'agent:runaway', suppressed: 7 }),
      expect.objectContaining({ tool: 'payments.send', requester: 'agent:b', suppressed: 1 }),
    ]);
    // One summary event per burst, not one per refused request.
    const summaries = (await approvalEvents(h)).filter((e) => e.attributes.action === 'summarised');
    expect(summaries).toHaveLength(2);
    // After ten quiet minutes a new burst is reported again, with a fresh count.
    h.clock.advance(11 * 60_000);
    const later = await h.executor.propose(pay(99), agent('agent:runaway'));
    expect(later).toMatchObject({ status: 'deferred', summary: { suppressed: 1 } });
    const after = (await approvalEvents(h)).filter((e) => e.attributes.action === 'summarised');
    expect(after).toHaveLength(3);
  });

  it('an approved request still runs under the kill switch: the approval satisfies confirm', async () => {
    harness = await execHarness();
    const h = harness;
    const id = approvalId(
      await h.executor.propose(
        { tool: 'files.delete', args: { path: '/a' } },
        { ...agent(), scan: { lane: 'auto', score: 0 } },
      ),
    );
    await h.executor.approvals.approve('acme', id, { approver: 'user:alice' });
    await h.executor.killSwitch.engage('acme', { actor: 'user:sec', reason: 'x' });
    // Kill switch only raises to confirm, and the approval covers confirm: it still runs.
    expect(await h.executor.resume('acme', id)).toMatchObject({ status: 'succeeded' });
    expect(h.tools.calls.remove).toHaveLength(1);
  });
});

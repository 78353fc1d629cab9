import { afterEach, describe, expect, it } from 'vitest';
import { createGrantAuthority, type GrantAuthority } from '../identity/index.js';
import { verifyReceipt } from './receipt.js';
import { type ExecHarness, execHarness, fakeClock, T0 } from './testing/execFixture.js';

let harness: ExecHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function setup(): Promise<{ h: ExecHarness; grants: GrantAuthority; orchestrator: string }> {
  const clock = fakeClock(T0);
  const grants = createGrantAuthority({ clock });
  harness = await execHarness({ clock, grants });
  const orchestrator = await grants.issue({
    issuer: 'user:ops',
    subject: 'agent:orchestrator',
    tenants: ['acme'],
    tools: ['notes.read', 'notes.write', 'payments.send'],
    budget: { maxToolCalls: 10 },
    ttlSeconds: 600,
  });
  return { h: harness, grants, orchestrator };
}

const as = (agentId: string, grant: string, tenantId = 'acme') => ({
  tenantId,
  principal: { id: agentId, kind: 'agent' as const },
  agentId,
  grant,
});

describe('executor: delegation grants (C16, C17)', () => {
  it('runs what the grant covers and writes the whole chain into the receipt', async () => {
    const { h, grants, orchestrator } = await setup();
    const writer = await grants.delegate(orchestrator, {
      subject: 'agent:writer',
      tenants: ['acme'],
      tools: ['notes.write'],
      ttlSeconds: 120,
    });
    const outcome = await h.executor.propose(
      { tool: 'notes.write', args: { id: 'n', text: 'x' } },
      as('agent:writer', writer),
    );
    expect(outcome.status).toBe('succeeded');
    if (outcome.status !== 'succeeded' || outcome.receipt === null) throw new Error('expected a receipt');
    expect(outcome.receipt.delegation.map((l) => l.subject)).toEqual(['agent:orchestrator', 'agent:writer']);
    expect(verifyReceipt(outcome.receipt, h.executor.receiptKeys).ok).toBe(true);
  });

  it('refuses a tool or a tenant outside the grant, and a grant presented by another agent', async () => {
    const { h, grants, orchestrator } = await setup();
    const reader = await grants.delegate(orchestrator, {
      subject: 'agent:reader',
      tenants: ['acme'],
      tools: ['notes.read'],
      ttlSeconds: 120,
    });
    const tool = await h.executor.propose(
      { tool: 'notes.write', args: { id: 'n', text: 'x' } },
      as('agent:reader', reader),
    );
    expect(tool).toMatchObject({
      status: 'blocked',
      reasons: ['grant'],
      error: { code: 'ERR_GRANT_DENIED' },
    });
    const tenant = await h.executor.propose(
      { tool: 'notes.read', args: { id: 'n' } },
      as('agent:reader', reader, 'globex'),
    );
    expect(tenant).toMatchObject({ status: 'blocked', error: { code: 'ERR_GRANT_DENIED' } });
    const stolen = await h.executor.propose(
      { tool: 'notes.read', args: { id: 'n' } },
      as('agent:thief', reader),
    );
    expect(stolen).toMatchObject({ status: 'blocked', error: { code: 'ERR_GRANT_INVALID' } });
    const forged = await h.executor.propose(
      { tool: 'notes.read', args: { id: 'n' } },
      as('agent:reader', `${reader}x`),
    );
    expect(forged).toMatchObject({ status: 'blocked', error: { code: 'ERR_GRANT_INVALID' } });
    expect(h.tools.calls.write).toEqual([]);
    expect(h.tools.calls.read).toEqual([]);
  });

  it('refuses a sub-grant wider than its parent when it is made', async () => {
    const { grants, orchestrator } = await setup();
    await expect(
      grants.delegate(orchestrator, {
        subject: 'agent:x',
        tenants: ['acme'],
        tools: ['files.delete'],
        ttlSeconds: 60,
      }),
    ).rejects.toMatchObject({ code: 'ERR_GRANT_DENIED' });
    await expect(
      grants.delegate(orchestrator, {
        subject: 'agent:x',
        tenants: ['acme'],
        tools: ['notes.read'],
        budget: { maxToolCalls: 11 },
        ttlSeconds: 60,
      }),
    ).rejects.toMatchObject({ code: 'ERR_GRANT_DENIED' });
  });

  it('charges the grant’s budget across its calls and stops at it', async () => {
    const { h, grants, orchestrator } = await setup();
    const reader = await grants.delegate(orchestrator, {
      subject: 'agent:reader',
      tenants: ['acme'],
      tools: ['notes.read'],
      budget: { maxToolCalls: 2 },
      ttlSeconds: 120,
    });
    const read = () =>
      h.executor.propose({ tool: 'notes.read', args: { id: 'n' } }, as('agent:reader', reader));
    expect((await read()).status).toBe('succeeded');
    expect((await read()).status).toBe('succeeded');
    expect(await read()).toMatchObject({ status: 'blocked', error: { code: 'ERR_BUDGET_EXCEEDED' } });
  });

  it('stops honouring a grant when it expires (fake clock), also for an approval made under it', async () => {
    const { h, grants, orchestrator } = await setup();
    const payer = await grants.delegate(orchestrator, {
      subject: 'agent:payer',
      tenants: ['acme'],
      tools: ['payments.send'],
      ttlSeconds: 60,
    });
    const pending = await h.executor.propose(
      { tool: 'payments.send', args: { amount: 5, to: 'a' } },
      as('agent:payer', payer),
    );
    if (pending.status !== 'pending_approval') throw new Error(`expected pending, got ${pending.status}`);
    await h.executor.approvals.approve('acme', pending.approval.id, { approver: 'user:alice' });
    h.clock.advance(61_000);
    expect(await h.executor.resume('acme', pending.approval.id)).toMatchObject({
      status: 'blocked',
      error: { code: 'ERR_GRANT_INVALID' },
    });
    expect(h.tools.calls.pay).toEqual([]);
    expect((await h.executor.approvals.get('acme', pending.approval.id)).status).toBe('failed');
  });

  it('blocks any grant when the executor has no authority to verify it (fail closed)', async () => {
    const clock = fakeClock(T0);
    const grants = createGrantAuthority({ clock });
    harness = await execHarness({ clock });
    const token = await grants.issue({
      issuer: 'user:ops',
      subject: 'agent:a',
      tenants: ['acme'],
      tools: ['notes.read'],
      ttlSeconds: 60,
    });
    const outcome = await harness.executor.propose(
      { tool: 'notes.read', args: { id: 'n' } },
      as('agent:a', token),
    );
    expect(outcome).toMatchObject({ status: 'blocked', error: { code: 'ERR_GRANT_INVALID' } });
  });
});

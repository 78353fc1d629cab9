import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../errors/index.js';
import { agent, type ExecHarness, execHarness, fakeClock } from '../../exec/testing/execFixture.js';
import { captureStdout } from '../testing/captureStdout.js';
import { runDecide, runKillSwitch, runList, runShow } from './approvalsCommand.js';

let h: ExecHarness;
beforeAll(async () => {
  // The desk runs on the real clock: start the executor's clock at the real time too.
  h = await execHarness({ clock: fakeClock(Date.now()) });
});
afterAll(async () => {
  await h.close();
});

const desk = { tenant: 'acme', format: 'table' };

describe('maestro approvals / kill-switch (in process)', () => {
  it('lists, shows and approves a pending request; the executor then runs it', async () => {
    const outcome = await h.executor.propose(
      { tool: 'payments.send', args: { amount: 70, to: 'acct-9' } },
      agent('agent:billing'),
    );
    if (outcome.status !== 'pending_approval') throw new Error('expected a pending approval');
    const id = outcome.approval.id;

    const list = await captureStdout(() => runList(desk, h.ledger));
    expect(list.out).toContain(`${id}  pending   payments.send  requested by agent:billing  (effect)`);
    const json = await captureStdout(() => runList({ ...desk, format: 'json' }, h.ledger));
    expect(JSON.parse(json.out).items[0]).toMatchObject({ id, tool: 'payments.send' });

    const show = await captureStdout(() => runShow(id, desk, h.ledger));
    expect(show.out).toContain('"amount": 70');

    await expect(runDecide(id, true, { ...desk, approver: 'agent:billing' }, h.ledger)).rejects.toMatchObject(
      {
        code: 'ERR_APPROVAL_FORBIDDEN',
      },
    );
    const approved = await captureStdout(() =>
      runDecide(id, true, { ...desk, approver: 'user:carol' }, h.ledger),
    );
    expect(approved.out).toContain('approved by user:carol');
    expect(await h.executor.resume('acme', id)).toMatchObject({ status: 'succeeded' });
  });

  it('engages and releases the kill switch, which the executor honours', async () => {
    const engaged = await captureStdout(() =>
      runKillSwitch('engage', { ...desk, actor: 'user:sec', reason: 'incident' }, h.ledger),
    );
    expect(engaged.out).toContain('ENGAGED');
    const status = await captureStdout(() => runKillSwitch('status', { ...desk, format: 'json' }, h.ledger));
    expect(JSON.parse(status.out)).toMatchObject({ tenant: 'acme', engaged: true, actor: 'user:sec' });
    // The executor caches the switch for killSwitchCacheMs (1 s): a switch thrown elsewhere lands after it.
    h.clock.advance(1001);
    const write = await h.executor.propose({ tool: 'notes.write', args: { id: 'k', text: 'x' } }, agent());
    expect(write).toMatchObject({ status: 'pending_approval', approval: { reasons: ['kill_switch'] } });
    await runKillSwitch('release', { ...desk, actor: 'user:sec', reason: 'over' }, h.ledger);
    const off = await captureStdout(() => runKillSwitch('status', desk, h.ledger));
    expect(off.out).toContain('is off');
  });

  it('refuses bad usage with a usage error', async () => {
    await expect(runList({ ...desk, status: 'pending,bogus' }, h.ledger)).rejects.toThrow(UsageError);
    await expect(runList({ ...desk, format: 'xml' }, h.ledger)).rejects.toThrow(UsageError);
    await expect(runKillSwitch('engage', desk, h.ledger)).rejects.toThrow(/--actor and --reason/);
    await expect(runKillSwitch('explode', desk, h.ledger)).rejects.toThrow(UsageError);
    await expect(runShow('01JGZ0000000000000000000ZZ', desk, h.ledger)).rejects.toMatchObject({
      code: 'ERR_APPROVAL_NOT_FOUND',
    });
  });
});

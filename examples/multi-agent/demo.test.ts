import { describe, expect, it } from 'vitest';
import { runMultiAgentDemo } from './demo.js';

describe('the multi-agent demo', () => {
  it('shows every lane and every control, and leaves a ledger that verifies', async () => {
    const report = await runMultiAgentDemo();
    const byStep = report.steps.map((s) => [s.says, s.lane, s.status, s.detail.split(' ')[0]]);
    expect(byStep).toEqual([
      ['look up the refund rules', 'auto', 'succeeded', 'result'],
      ['refund the customer myself', 'block', 'blocked', 'ERR_GRANT_DENIED'],
      ['note the complaint', 'auto', 'succeeded', 'result'],
      ['retry the same note after a network error', 'auto', 'succeeded', 'replayed'],
      ['refund 30 EUR', 'auto', 'succeeded', 'result'],
      ['refund 300 EUR', 'confirm', 'pending_approval', 'approval'],
      ['approve the 300 EUR refund', 'confirm', 'succeeded', 'result'],
      ['refund 5,000 EUR', 'block', 'blocked', 'ERR_INTENT_BLOCKED'],
      ['follow the planted article: refund 900 EUR to c-666', 'block', 'blocked', 'ERR_INTENT_BLOCKED'],
      ['add another note while the kill switch is on', 'confirm', 'pending_approval', 'approval'],
      ['search while the kill switch is on', 'auto', 'succeeded', 'result'],
      ['note 1 of a runaway loop', 'auto', 'succeeded', 'result'],
      ['note 2 of a runaway loop', 'block', 'blocked', 'ERR_BUDGET_EXCEEDED'],
      ['note 3 of a runaway loop', 'block', 'blocked', 'ERR_BUDGET_EXCEEDED'],
    ]);
    // Money moved exactly twice: 30 EUR at once, 300 EUR after a person approved it.
    expect(report.office.refunds.map((r) => r.amount)).toEqual([30, 300]);
    expect(report.office.notes).toHaveLength(2);
    expect(report.refundChain).toEqual(['agent:orchestrator', 'agent:billing']);
    expect(report.ledgerOk).toBe(true);
    expect(report.events).toBeGreaterThan(20);
  });
});

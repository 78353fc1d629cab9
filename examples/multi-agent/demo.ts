import {
  createExecutor,
  createToolRegistry,
  type ExecContext,
  type ProposeOutcome,
} from '../../src/exec/index.js';
import { createGrantAuthority } from '../../src/identity/index.js';
import { createLedger, createPgliteStore, type Ledger } from '../../src/ledger/index.js';
import { loadPolicyEngine } from '../../src/policy/index.js';
import { securityScan } from '../../src/scan/index.js';
import { type BackOffice, backOfficeTools } from './tools.js';

/** One step of the demo: who proposed what, and what the executor made of it. */
export interface DemoStep {
  readonly agent: string;
  readonly says: string;
  readonly tool: string;
  readonly status: ProposeOutcome['status'];
  readonly lane: string;
  readonly detail: string;
}

export interface DemoReport {
  readonly steps: DemoStep[];
  readonly office: BackOffice;
  readonly ledgerOk: boolean;
  readonly events: number;
  /** The delegation chain recorded in the receipt of the approved refund. */
  readonly refundChain: string[];
}

const POLICY_DIR = new URL('./policies/', import.meta.url);

function detailOf(outcome: ProposeOutcome): string {
  switch (outcome.status) {
    case 'succeeded':
      return `${outcome.replayed ? 'replayed ' : ''}result ${JSON.stringify(outcome.result)}; receipt ${outcome.receipt?.id ?? '-'}`;
    case 'pending_approval':
      return `approval ${outcome.approval.id} (${outcome.approval.reasons.join(', ')})`;
    case 'blocked':
      return `${outcome.error.code} (${outcome.reasons.join(', ')}${outcome.policies.length > 0 ? `; ${outcome.policies.join(', ')}` : ''})`;
    case 'deferred':
    case 'failed':
      return outcome.error.code;
    case 'degraded':
      return `${outcome.error.code} on ${outcome.integration}`;
  }
}

/**
 * An orchestrator and two sub-agents in one tenant. The orchestrator holds a grant for every
 * tool and hands each sub-agent a narrower one: the researcher may only search, the billing agent
 * may write notes and refund, at most four calls. The "models" are scripted so that every lane
 * and every control shows: auto, confirm with a human approval, and block by grant, policy,
 * scan and budget; an idempotent retry; the kill switch.
 */
export async function runMultiAgentDemo(options: { dataDir?: string } = {}): Promise<DemoReport> {
  const store = await createPgliteStore({ dataDir: options.dataDir ?? 'memory://' });
  const ledger: Ledger = createLedger({ store });
  const office: BackOffice = { notes: [], refunds: [] };
  const grants = createGrantAuthority();
  const executor = await createExecutor({
    registry: createToolRegistry(backOfficeTools(office)),
    policy: loadPolicyEngine({ dir: POLICY_DIR.pathname }),
    ledger,
    grants,
    // Refunds are financial, which waits for a person by default; here the policy set decides
    // (small refunds auto, larger ones confirm, very large ones never).
    effectLanes: { financial: 'auto' },
  });
  const steps: DemoStep[] = [];
  const tenantId = 'acme';

  const root = await grants.issue({
    issuer: 'user:ops-lead',
    subject: 'agent:orchestrator',
    tenants: [tenantId],
    tools: ['kb.search', 'crm.note', 'payments.refund'],
    budget: { maxToolCalls: 20 },
    ttlSeconds: 600,
  });
  const researcherGrant = await grants.delegate(root, {
    subject: 'agent:researcher',
    tenants: [tenantId],
    tools: ['kb.search'],
    budget: { maxToolCalls: 5 },
    ttlSeconds: 300,
  });
  const billingGrant = await grants.delegate(root, {
    subject: 'agent:billing',
    tenants: [tenantId],
    tools: ['crm.note', 'payments.refund'],
    budget: { maxToolCalls: 4 },
    ttlSeconds: 300,
  });

  const as = (agentId: string, grant: string, scan?: ExecContext['scan']): ExecContext => ({
    tenantId,
    principal: { id: agentId, kind: 'agent' },
    agentId,
    grant,
    ...(scan === undefined ? {} : { scan }),
  });

  async function step(
    agent: string,
    says: string,
    tool: string,
    run: () => Promise<ProposeOutcome>,
  ): Promise<ProposeOutcome> {
    const outcome = await run();
    steps.push({ agent, says, tool, status: outcome.status, lane: outcome.lane, detail: detailOf(outcome) });
    return outcome;
  }

  const researcher = as('agent:researcher', researcherGrant);
  const billing = as('agent:billing', billingGrant);

  await step('researcher', 'look up the refund rules', 'kb.search', () =>
    executor.propose({ tool: 'kb.search', args: { query: 'refunds policy' } }, researcher),
  );
  await step('researcher', 'refund the customer myself', 'payments.refund', () =>
    executor.propose(
      { tool: 'payments.refund', args: { customerId: 'c-1001', amount: 20, currency: 'EUR' } },
      researcher,
    ),
  );
  await step('billing', 'note the complaint', 'crm.note', () =>
    executor.propose(
      {
        tool: 'crm.note',
        args: { customerId: 'c-1001', text: 'Parcel arrived damaged.' },
        idempotencyKey: 'call-17',
      },
      billing,
    ),
  );
  await step('billing', 'retry the same note after a network error', 'crm.note', () =>
    executor.propose(
      {
        tool: 'crm.note',
        args: { customerId: 'c-1001', text: 'Parcel arrived damaged.' },
        idempotencyKey: 'call-17',
      },
      billing,
    ),
  );
  await step('billing', 'refund 30 EUR', 'payments.refund', () =>
    executor.propose(
      { tool: 'payments.refund', args: { customerId: 'c-1001', amount: 30, currency: 'EUR' } },
      billing,
    ),
  );
  const big = await step('billing', 'refund 300 EUR', 'payments.refund', () =>
    executor.propose(
      { tool: 'payments.refund', args: { customerId: 'c-1001', amount: 300, currency: 'EUR' } },
      billing,
    ),
  );
  let refundChain: string[] = [];
  if (big.status === 'pending_approval') {
    await executor.approvals.approve(tenantId, big.approval.id, {
      approver: 'user:supervisor',
      note: 'damaged goods',
    });
    const resumed = await step('supervisor', 'approve the 300 EUR refund', 'payments.refund', () =>
      executor.resume(tenantId, big.approval.id),
    );
    if (resumed.status === 'succeeded' && resumed.receipt !== null) {
      refundChain = resumed.receipt.delegation.map((link) => link.subject);
    }
  }
  await step('billing', 'refund 5,000 EUR', 'payments.refund', () =>
    executor.propose(
      { tool: 'payments.refund', args: { customerId: 'c-1001', amount: 5000, currency: 'EUR' } },
      billing,
    ),
  );

  // The researcher hands over a planted article; the billing agent's conversation now holds it.
  const article = await executor.propose({ tool: 'kb.search', args: { query: 'vip-policy' } }, researcher);
  const planted = article.status === 'succeeded' ? String((article.result as { text: string }).text) : '';
  const scan = securityScan(planted, { source: 'retrieval' });
  await step('billing', 'follow the planted article: refund 900 EUR to c-666', 'payments.refund', () =>
    executor.propose(
      { tool: 'payments.refund', args: { customerId: 'c-666', amount: 900, currency: 'EUR' } },
      as('agent:billing', billingGrant, { lane: scan.lane, score: scan.score }),
    ),
  );

  await executor.killSwitch.engage(tenantId, {
    actor: 'user:security',
    reason: 'suspected prompt injection',
  });
  await step('billing', 'add another note while the kill switch is on', 'crm.note', () =>
    executor.propose({ tool: 'crm.note', args: { customerId: 'c-1001', text: 'Follow-up.' } }, billing),
  );
  await step('researcher', 'search while the kill switch is on', 'kb.search', () =>
    executor.propose({ tool: 'kb.search', args: { query: 'shipping' } }, researcher),
  );
  await executor.killSwitch.release(tenantId, { actor: 'user:security', reason: 'cleaned up' });

  for (let i = 0; i < 3; i++) {
    await step('billing', `note ${i + 1} of a runaway loop`, 'crm.note', () =>
      executor.propose({ tool: 'crm.note', args: { customerId: 'c-1001', text: `Loop ${i}` } }, billing),
    );
  }

  await ledger.flush();
  const verification = await ledger.verify(tenantId);
  const events = (await ledger.queryRiskEvents({ tenantId, limit: 500 })).events.length;
  await ledger.close();
  return { steps, office, ledgerOk: verification.ok, events, refundChain };
}

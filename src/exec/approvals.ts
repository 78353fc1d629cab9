import { z } from 'zod';
import { invalidOptionsFromZod, MaestroError } from '../errors/index.js';
import type { Ledger, RiskEventInput } from '../ledger/index.js';
import { approvalEvent } from './execEvents.js';
import type { ApprovalView } from './outcome.js';
import {
  APPROVAL_STATUSES,
  type ApprovalOverflow,
  type ApprovalRecord,
  type ApprovalStatus,
  decideApproval,
  getApproval,
  listApprovals,
} from './store/approvalStore.js';

export function toView(record: ApprovalRecord): ApprovalView {
  return {
    id: record.id,
    tenantId: record.tenantId,
    tool: record.tool,
    argsHash: record.argsHash,
    requester: record.requester,
    status: record.status,
    reasons: record.reasons,
    approver: record.approver,
    createdAt: new Date(record.createdAt).toISOString(),
    expiresAt: new Date(record.expiresAt).toISOString(),
    receiptId: record.receiptId,
  };
}

/** What an approver needs to decide: the request and the arguments it would run with. */
export interface ApprovalDetail extends ApprovalView {
  readonly args: unknown;
  readonly agentId: string | null;
  readonly delegated: boolean;
}

export interface ApprovalPage {
  readonly items: readonly ApprovalView[];
  /** Requests refused while the queue was full, counted per tool and requester. */
  readonly overflow: readonly ApprovalOverflow[];
}

/** The approver's side of "MAN mode": list, inspect, approve or deny. */
export interface ApprovalApi {
  list(
    tenantId: string,
    options?: { readonly status?: readonly ApprovalStatus[]; readonly limit?: number },
  ): Promise<ApprovalPage>;
  get(tenantId: string, id: string): Promise<ApprovalDetail>;
  /** The approver may not be the requester, nor an agent acting in the request's chain. */
  approve(
    tenantId: string,
    id: string,
    by: { readonly approver: string; readonly note?: string },
  ): Promise<ApprovalView>;
  deny(
    tenantId: string,
    id: string,
    by: { readonly approver: string; readonly note?: string },
  ): Promise<ApprovalView>;
}

interface ApprovalDeps {
  readonly ledger: Ledger;
  readonly clock: () => number;
  readonly logExpired: (expired: readonly ApprovalRecord[]) => Promise<void>;
}

/** Logs requests that expired (found while the store was touched anyway); never fails the caller. */
export async function logExpiredApprovals(ledger: Ledger, expired: readonly ApprovalRecord[]): Promise<void> {
  for (const record of expired.slice(0, 100)) {
    const event: RiskEventInput = approvalEvent({
      tenantId: record.tenantId,
      principal: record.requester,
      traceId: undefined,
      tool: record.tool,
      action: 'expired',
      approvalId: record.id,
      argsHash: record.argsHash,
    });
    await ledger.logRiskEvent(event).catch(() => undefined);
  }
}

/**
 * The approver's desk on its own, without an executor (the CLI and the gateway's dashboard):
 * list, inspect, approve and deny on the store the ledger uses. Running an approved request
 * needs the executor that has the tool (`executor.resume`, or proposing the same call again).
 */
export function createApprovalDesk(
  ledger: Ledger,
  options: { readonly clock?: () => number } = {},
): ApprovalApi {
  return createApprovalApi({
    ledger,
    clock: options.clock ?? Date.now,
    logExpired: (expired) => logExpiredApprovals(ledger, expired),
  });
}

const principal = z
  .string()
  .min(1)
  .max(256)
  .refine(
    (s) => s.isWellFormed() && !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(s),
    'must not contain control characters',
  );
const decisionSchema = z.strictObject({ approver: principal, note: z.string().max(1000).optional() });
const listSchema = z.strictObject({
  status: z.array(z.enum(APPROVAL_STATUSES)).min(1).max(APPROVAL_STATUSES.length).default(['pending']),
  limit: z.number().int().min(1).max(500).default(100),
});

interface IntentParts {
  args?: unknown;
  agentId?: string;
  grant?: string;
  principal?: { id?: string };
}

function intentOf(record: ApprovalRecord): IntentParts {
  const parsed: unknown = JSON.parse(record.intentJson);
  return typeof parsed === 'object' && parsed !== null ? (parsed as IntentParts) : {};
}

/** Everyone on whose behalf the request was made: none of them may decide it. */
function excludedApprovers(record: ApprovalRecord): string[] {
  const intent = intentOf(record);
  const excluded = [record.requester];
  if (typeof intent.agentId === 'string') excluded.push(intent.agentId);
  return excluded;
}

export function createApprovalApi(deps: ApprovalDeps): ApprovalApi {
  const { ledger, clock } = deps;

  async function decide(tenantId: string, id: string, by: unknown, approve: boolean): Promise<ApprovalView> {
    const parsed = decisionSchema.safeParse(by);
    if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
    const {
      result: record,
      refusal,
      expired,
    } = await decideApproval(ledger.store, {
      tenantId,
      id,
      approver: parsed.data.approver,
      excluded: excludedApprovers,
      approve,
      note: parsed.data.note ?? null,
      now: clock(),
    });
    await deps.logExpired(expired);
    if (refusal !== undefined || record === undefined)
      throw refusal ?? new MaestroError('ERR_APPROVAL_NOT_FOUND');
    await ledger.logRiskEvent(
      approvalEvent({
        tenantId,
        principal: parsed.data.approver,
        traceId: undefined,
        tool: record.tool,
        action: approve ? 'approved' : 'denied',
        approvalId: record.id,
        argsHash: record.argsHash,
        reasons: record.reasons,
      }),
    );
    return toView(record);
  }

  return {
    async list(tenantId, options = {}) {
      const parsed = listSchema.safeParse(options);
      if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
      const page = await listApprovals(ledger.store, tenantId, {
        statuses: parsed.data.status,
        limit: parsed.data.limit,
        now: clock(),
      });
      await deps.logExpired(page.expired);
      return { items: page.items.map(toView), overflow: page.overflow };
    },
    async get(tenantId, id) {
      const { record, expired } = await getApproval(ledger.store, tenantId, id, clock());
      await deps.logExpired(expired);
      if (record === undefined) throw new MaestroError('ERR_APPROVAL_NOT_FOUND');
      const intent = intentOf(record);
      return {
        ...toView(record),
        args: intent.args,
        agentId: typeof intent.agentId === 'string' ? intent.agentId : null,
        delegated: typeof intent.grant === 'string',
      };
    },
    approve: (tenantId, id, by) => decide(tenantId, id, by, true),
    deny: (tenantId, id, by) => decide(tenantId, id, by, false),
  };
}

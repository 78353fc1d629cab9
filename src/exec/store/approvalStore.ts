import { MaestroError } from '../../errors/index.js';
import type { LedgerStore, SqlExecutor, SqlRow } from '../../ledger/index.js';
import { at, epochMs, inTenant, rowMs, rowOptionalText, rowText } from './execStoreErrors.js';

export const APPROVAL_STATUSES = [
  'pending',
  'approved',
  'denied',
  'expired',
  'executing',
  'executed',
  'failed',
] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** An approval request as stored. `intentJson` is the executor's own record of what to run. */
export interface ApprovalRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly tool: string;
  readonly argsHash: string;
  readonly toolFingerprint: string;
  readonly intentJson: string;
  readonly requester: string;
  readonly status: ApprovalStatus;
  readonly reasons: readonly string[];
  readonly approver: string | null;
  readonly note: string | null;
  readonly decidedAt: number | null;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly receiptId: string | null;
}

/** Requests refused because the queue was full, per tool and requester. */
export interface ApprovalOverflow {
  readonly tool: string;
  readonly requester: string;
  readonly suppressed: number;
  readonly firstAt: number;
  readonly lastAt: number;
}

const COLUMNS = `id, tenant_id, tool, args_hash, tool_fingerprint, intent, requester, status, reasons,
  approver, note, ${epochMs('decided_at')} AS decided_ms, ${epochMs('created_at')} AS created_ms,
  ${epochMs('expires_at')} AS expires_ms, receipt_id`;

function isStatus(value: string): value is ApprovalStatus {
  return (APPROVAL_STATUSES as readonly string[]).includes(value);
}

function toRecord(row: SqlRow): ApprovalRecord {
  const status = rowText(row.status);
  if (!isStatus(status)) throw new TypeError('unknown approval status in the store');
  const reasons: unknown = JSON.parse(rowText(row.reasons));
  return {
    id: rowText(row.id),
    tenantId: rowText(row.tenant_id),
    tool: rowText(row.tool),
    argsHash: rowText(row.args_hash),
    toolFingerprint: rowText(row.tool_fingerprint),
    intentJson: rowText(row.intent),
    requester: rowText(row.requester),
    status,
    reasons: Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : [],
    approver: rowOptionalText(row.approver),
    note: rowOptionalText(row.note),
    decidedAt: row.decided_ms === null || row.decided_ms === undefined ? null : rowMs(row.decided_ms),
    createdAt: rowMs(row.created_ms),
    expiresAt: rowMs(row.expires_ms),
    receiptId: rowOptionalText(row.receipt_id),
  };
}

/** Pending (and approved, not yet run) requests past their expiry become `expired`. */
async function expireDue(tx: SqlExecutor, tenantId: string, now: number): Promise<ApprovalRecord[]> {
  const rows = await tx.query(
    `UPDATE exec_approvals SET status = 'expired'
      WHERE tenant_id = $1 AND status IN ('pending', 'approved') AND expires_at <= $2::timestamptz
      RETURNING ${COLUMNS}`,
    [tenantId, at(now)],
  );
  return rows.map(toRecord);
}

async function selectOne(
  tx: SqlExecutor,
  tenantId: string,
  id: string,
  lock: boolean,
): Promise<ApprovalRecord | undefined> {
  const rows = await tx.query(
    `SELECT ${COLUMNS} FROM exec_approvals WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  );
  return rows[0] === undefined ? undefined : toRecord(rows[0]);
}

export interface ApprovalRequest {
  readonly tenantId: string;
  readonly id: string;
  readonly tool: string;
  readonly argsHash: string;
  readonly toolFingerprint: string;
  readonly intentJson: string;
  readonly requester: string;
  readonly reasons: readonly string[];
  readonly now: number;
  readonly ttlMs: number;
  /** Pending requests a tenant may have; beyond it requests are counted, not queued. */
  readonly maxPending: number;
  /** Pending requests one requester may have (so one runaway agent cannot fill the tenant's queue). */
  readonly maxPendingPerRequester: number;
}

export type ApprovalRequestResult =
  | {
      /** created: a new request; joined: the same call is already pending; approved: it was approved and is now claimed to run. */
      readonly kind: 'created' | 'joined' | 'approved';
      readonly record: ApprovalRecord;
      readonly expired: ApprovalRecord[];
    }
  | {
      readonly kind: 'overflow';
      readonly pending: number;
      readonly suppressed: number;
      readonly first: boolean;
      readonly expired: ApprovalRecord[];
    };

// Serialises queue-length checks of one tenant, so the bound holds under concurrent requests.
const QUEUE_LOCK = `SELECT pg_advisory_xact_lock(70161242, hashtext($1))`;

export function requestApproval(
  store: LedgerStore,
  request: ApprovalRequest,
): Promise<ApprovalRequestResult> {
  const { tenantId, now } = request;
  return inTenant(store, tenantId, 'create an approval request', async (tx) => {
    await tx.query(QUEUE_LOCK, [tenantId]);
    const expired = await expireDue(tx, tenantId, now);
    // The same call proposed again: once approved it runs (claimed here, once); while pending it joins.
    const approved = await tx.query(
      `UPDATE exec_approvals SET status = 'executing'
        WHERE tenant_id = $1 AND id = (
          SELECT id FROM exec_approvals
           WHERE tenant_id = $1 AND requester = $2 AND tool = $3 AND args_hash = $4 AND status = 'approved'
             AND tool_fingerprint = $5
           ORDER BY decided_at LIMIT 1)
        RETURNING ${COLUMNS}`,
      [tenantId, request.requester, request.tool, request.argsHash, request.toolFingerprint],
    );
    if (approved[0] !== undefined) return { kind: 'approved', record: toRecord(approved[0]), expired };
    const same = await tx.query(
      `SELECT ${COLUMNS} FROM exec_approvals
        WHERE tenant_id = $1 AND requester = $2 AND tool = $3 AND args_hash = $4 AND status = 'pending'`,
      [tenantId, request.requester, request.tool, request.argsHash],
    );
    if (same[0] !== undefined) return { kind: 'joined', record: toRecord(same[0]), expired };
    const counts = await tx.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE requester = $2)::int AS mine
         FROM exec_approvals WHERE tenant_id = $1 AND status = 'pending'`,
      [tenantId, request.requester],
    );
    const total = Number(counts[0]?.total ?? 0);
    const mine = Number(counts[0]?.mine ?? 0);
    if (total >= request.maxPending || mine >= request.maxPendingPerRequester) {
      const rows = await tx.query(
        `INSERT INTO exec_approval_overflow AS o (tenant_id, tool, requester, suppressed, first_at, last_at)
         VALUES ($1, $2, $3, 1, $4::timestamptz, $4::timestamptz)
         ON CONFLICT (tenant_id, tool, requester)
         -- A burst ends after 10 quiet minutes; the next one starts a new count (and a new event).
         DO UPDATE SET
           suppressed = CASE WHEN o.last_at < EXCLUDED.last_at - interval '10 minutes' THEN 1 ELSE o.suppressed + 1 END,
           first_at = CASE WHEN o.last_at < EXCLUDED.last_at - interval '10 minutes' THEN EXCLUDED.first_at ELSE o.first_at END,
           last_at = EXCLUDED.last_at
         RETURNING suppressed`,
        [tenantId, request.tool, request.requester, at(now)],
      );
      const suppressed = Number(rows[0]?.suppressed ?? 1);
      return { kind: 'overflow', pending: total, suppressed, first: suppressed === 1, expired };
    }
    const rows = await tx.query(
      `INSERT INTO exec_approvals (tenant_id, id, tool, args_hash, tool_fingerprint, intent, requester,
         status, reasons, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9::timestamptz, $10::timestamptz)
       RETURNING ${COLUMNS}`,
      [
        tenantId,
        request.id,
        request.tool,
        request.argsHash,
        request.toolFingerprint,
        request.intentJson,
        request.requester,
        JSON.stringify(request.reasons),
        at(now),
        at(now + request.ttlMs),
      ],
    );
    const created = rows[0];
    if (created === undefined) throw new TypeError('approval insert returned nothing');
    return { kind: 'created', record: toRecord(created), expired };
  });
}

function notFound(): MaestroError {
  return new MaestroError('ERR_APPROVAL_NOT_FOUND');
}

function wrongState(record: ApprovalRecord, wanted: string): MaestroError {
  return new MaestroError('ERR_APPROVAL_STATE', {
    message: `Approval ${record.id} is ${record.status}; it must be ${wanted}.`,
  });
}

export function getApproval(
  store: LedgerStore,
  tenantId: string,
  id: string,
  now: number,
): Promise<{ record: ApprovalRecord | undefined; expired: ApprovalRecord[] }> {
  return inTenant(store, tenantId, 'read an approval request', async (tx) => {
    const expired = await expireDue(tx, tenantId, now);
    return { record: await selectOne(tx, tenantId, id, false), expired };
  });
}

export interface ApprovalDecision {
  readonly tenantId: string;
  readonly id: string;
  readonly approver: string;
  /** Principals who may not decide: the requester, and the agents acting for it. */
  readonly excluded: (record: ApprovalRecord) => readonly string[];
  readonly approve: boolean;
  readonly note: string | null;
  readonly now: number;
}

/** Records a decision on a pending request; the requester can never decide their own. */
/** A store step that may refuse: the refusal is returned, so what it expired still commits. */
export interface Refusable<T> {
  readonly result: T | undefined;
  readonly refusal: MaestroError | undefined;
  readonly expired: ApprovalRecord[];
}

/** Logs nothing itself: the caller logs `expired`, then throws `refusal` if there is one. */
function refused<T>(refusal: MaestroError, expired: ApprovalRecord[]): Refusable<T> {
  return { result: undefined, refusal, expired };
}

export function decideApproval(
  store: LedgerStore,
  decision: ApprovalDecision,
): Promise<Refusable<ApprovalRecord>> {
  const { tenantId, id, now } = decision;
  return inTenant(store, tenantId, 'decide an approval request', async (tx) => {
    const expired = await expireDue(tx, tenantId, now);
    const record = await selectOne(tx, tenantId, id, true);
    if (record === undefined) return refused(notFound(), expired);
    if (record.status !== 'pending') return refused(wrongState(record, 'pending'), expired);
    if (decision.excluded(record).includes(decision.approver)) {
      return refused(new MaestroError('ERR_APPROVAL_FORBIDDEN'), expired);
    }
    const rows = await tx.query(
      `UPDATE exec_approvals SET status = $3, approver = $4, note = $5, decided_at = $6::timestamptz
        WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [tenantId, id, decision.approve ? 'approved' : 'denied', decision.approver, decision.note, at(now)],
    );
    const row = rows[0];
    if (row === undefined) return refused(notFound(), expired);
    return { result: toRecord(row), refusal: undefined, expired };
  });
}

/**
 * Moves an approved request to `executing`, once: of two concurrent resumes only one gets it.
 * Refused when it is not approved (pending, denied, expired, already run).
 */
export function claimApproval(
  store: LedgerStore,
  tenantId: string,
  id: string,
  now: number,
): Promise<Refusable<ApprovalRecord>> {
  return inTenant(store, tenantId, 'claim an approval request', async (tx) => {
    const expired = await expireDue(tx, tenantId, now);
    const record = await selectOne(tx, tenantId, id, true);
    if (record === undefined) return refused(notFound(), expired);
    if (record.status !== 'approved') return refused(wrongState(record, 'approved'), expired);
    const rows = await tx.query(
      `UPDATE exec_approvals SET status = 'executing' WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [tenantId, id],
    );
    const row = rows[0];
    if (row === undefined) return refused(notFound(), expired);
    return { result: toRecord(row), refusal: undefined, expired };
  });
}

/** Puts a claimed request back to `approved` (the run was refused before any side effect). */
export function releaseApproval(store: LedgerStore, tenantId: string, id: string): Promise<void> {
  return inTenant(store, tenantId, 'release an approval request', async (tx) => {
    await tx.query(
      `UPDATE exec_approvals SET status = 'approved' WHERE tenant_id = $1 AND id = $2 AND status = 'executing'`,
      [tenantId, id],
    );
  });
}

export function finishApproval(
  store: LedgerStore,
  tenantId: string,
  id: string,
  status: 'executed' | 'failed',
  receiptId: string | null,
): Promise<void> {
  return inTenant(store, tenantId, 'finish an approval request', async (tx) => {
    await tx.query(
      `UPDATE exec_approvals SET status = $3, receipt_id = $4
        WHERE tenant_id = $1 AND id = $2 AND status = 'executing'`,
      [tenantId, id, status, receiptId],
    );
  });
}

export interface ApprovalList {
  readonly items: ApprovalRecord[];
  readonly overflow: ApprovalOverflow[];
  readonly expired: ApprovalRecord[];
}

export function listApprovals(
  store: LedgerStore,
  tenantId: string,
  options: { readonly statuses: readonly ApprovalStatus[]; readonly limit: number; readonly now: number },
): Promise<ApprovalList> {
  return inTenant(store, tenantId, 'list approval requests', async (tx) => {
    const expired = await expireDue(tx, tenantId, options.now);
    const rows = await tx.query(
      `SELECT ${COLUMNS} FROM exec_approvals WHERE tenant_id = $1 AND status = ANY($2)
        ORDER BY created_at, id LIMIT $3`,
      [tenantId, [...options.statuses], options.limit],
    );
    const overflow = await tx.query(
      `SELECT tool, requester, suppressed, ${epochMs('first_at')} AS first_ms, ${epochMs('last_at')} AS last_ms
         FROM exec_approval_overflow WHERE tenant_id = $1 ORDER BY suppressed DESC, tool, requester LIMIT 100`,
      [tenantId],
    );
    return {
      items: rows.map(toRecord),
      overflow: overflow.map((row) => ({
        tool: rowText(row.tool),
        requester: rowText(row.requester),
        suppressed: Number(row.suppressed),
        firstAt: rowMs(row.first_ms),
        lastAt: rowMs(row.last_ms),
      })),
      expired,
    };
  });
}

import { z } from 'zod';
import { LANES, type Lane } from '../core/index.js';
import { InvalidOptionsError, invalidOptionsFromZod, MaestroError } from '../errors/index.js';
import type { Grant, GrantAuthority } from '../identity/index.js';
import { checkGrant } from '../identity/index.js';
import {
  createEventIdFactory,
  createSigner,
  generateSigningKeyPem,
  type Ledger,
  type LedgerSigner,
  loadOrCreateSigningKey,
  type PublicKeyLookup,
  payloadHashOf,
  publicKeysFrom,
  type RiskEventInput,
} from '../ledger/index.js';
import type { PolicyEngine } from '../policy/index.js';
import { type ApprovalApi, createApprovalApi, logExpiredApprovals, toView } from './approvals.js';
import { type Budget, createBudgetTracker, type TaskBudget } from './budget/index.js';
import { approvalEvent, blockEvent, budgetEvent, circuitEvent, registryChangedEvent } from './execEvents.js';
import { type ExecContext, type Intent, parseIntent } from './intent.js';
import { createKillSwitch, type KillSwitch } from './killSwitch.js';
import { DEFAULT_EFFECT_LANES, type EffectLanes, killSwitchLane, laneOf } from './lanes.js';
import { blocked, type ProposeOutcome, safeBody } from './outcome.js';
import type { DelegationLink } from './receipt.js';
import type { ToolRegistry } from './registry.js';
import { createResilience, type ResilienceOptions } from './resilience/index.js';
import { runApprovedCall } from './runTool.js';
import {
  type ApprovalRecord,
  claimApproval,
  finishApproval,
  releaseApproval,
  requestApproval,
} from './store/approvalStore.js';
import { swapFingerprint } from './store/fingerprintStore.js';
import type { Tool } from './tool.js';
import { validateAgainst } from './validateArgs.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const lane = z.enum(LANES);

const executorOptionsSchema = z.strictObject({
  registry: z.custom<ToolRegistry>(
    (v) => isObject(v) && typeof v.fingerprint === 'string' && Object.isFrozen(v),
    {
      message: 'expected a registry from createToolRegistry()',
    },
  ),
  policy: z.custom<PolicyEngine>((v) => isObject(v) && typeof v.decide === 'function', {
    message: 'expected a policy engine from createPolicyEngine() or loadPolicyEngine()',
  }),
  ledger: z.custom<Ledger>((v) => isObject(v) && typeof v.logRiskEvent === 'function', {
    message: 'expected a ledger from createLedger()',
  }),
  /** Verifies delegation grants; without it, any intent that carries a grant is blocked. */
  grants: z.custom<GrantAuthority>((v) => isObject(v) && typeof v.verify === 'function').optional(),
  /** Signs receipts; default the ledger's key file in its data directory (or a fresh key in memory). */
  signer: z.custom<LedgerSigner>((v) => isObject(v) && typeof v.sign === 'function').optional(),
  /** Epoch milliseconds; a fake clock in tests. */
  clock: z.custom<() => number>((v) => typeof v === 'function').optional(),
  effectLanes: z
    .strictObject({ read: lane, write: lane, destructive: lane, financial: lane, external: lane })
    .partial()
    .optional(),
  approvals: z
    .strictObject({
      ttlMs: z
        .number()
        .int()
        .min(1000)
        .max(30 * 86_400_000)
        .default(3_600_000),
      maxPending: z.number().int().min(1).max(100_000).default(100),
      maxPendingPerRequester: z.number().int().min(1).max(100_000).default(20),
    })
    .default({ ttlMs: 3_600_000, maxPending: 100, maxPendingPerRequester: 20 }),
  /**
   * `queued` (default): a read returns once its signed receipt is queued in the ledger writer
   * (committed within milliseconds, in order); `committed`: only after the commit, like every
   * tool with a side effect, at the cost of one ledger transaction per read.
   */
  readReceipts: z.enum(['queued', 'committed']).default('queued'),
  /** How long a second caller of a running idempotency key waits for its result. */
  idempotencyWaitMs: z.number().int().min(0).max(600_000).default(30_000),
  resilience: z.custom<ResilienceOptions>(isObject).optional(),
  /** Per-tenant budgets over fixed windows (in memory, per process). */
  tenantBudgets: z
    .custom<(tenantId: string) => (Budget & { windowMs: number }) | undefined>((v) => typeof v === 'function')
    .optional(),
  killSwitchCacheMs: z.number().int().min(0).max(60_000).default(1000),
  /** The tenant whose ledger records the tool registry's fingerprint. */
  systemTenantId: z.string().min(1).max(128).default('default'),
  /** Tasks kept at once (started and not ended); beyond it startTask refuses. */
  maxTasks: z.number().int().min(1).max(1_000_000).default(10_000),
});

export type ExecutorOptions = z.input<typeof executorOptionsSchema>;

/** A task: an agent run with its own budget; pass its id as `taskId` in the context. */
export interface ExecutorTask {
  readonly id: string;
  readonly tenantId: string;
  /** Counts one step of the agent loop; throws ERR_BUDGET_EXCEEDED (and ends the task) past the limit. */
  step(): void;
  remaining(): ReturnType<TaskBudget['remaining']>;
  end(): void;
  readonly ended: boolean;
}

export interface Executor {
  /**
   * Decides, records and (when the lane allows) runs one intent. Never throws for anything the
   * intent or the tool did: the outcome says what happened. Throws ERR_INVALID_OPTIONS only for a
   * malformed context (a bug in the caller, not in the model).
   */
  propose(intent: Intent, context: ExecContext): Promise<ProposeOutcome>;
  /** Runs an approved request, once; refused unless it is approved, unexpired and still allowed. */
  resume(
    tenantId: string,
    approvalId: string,
    options?: { readonly signal?: AbortSignal },
  ): Promise<ProposeOutcome>;
  readonly approvals: ApprovalApi;
  readonly killSwitch: KillSwitch;
  startTask(options: {
    readonly tenantId: string;
    readonly id?: string;
    readonly budget?: Budget;
  }): ExecutorTask;
  readonly registry: ToolRegistry;
  /** The public key (PEM) receipts are signed with, and a lookup for `verifyReceipt`. */
  readonly receiptKeyPem: string;
  readonly receiptKeys: PublicKeyLookup;
}

interface StoredIntent {
  readonly tool: string;
  readonly args: unknown;
  readonly resource?: Intent['resource'];
  readonly entities?: Intent['entities'];
  readonly idempotencyKey?: string;
  readonly principal: ExecContext['principal'];
  readonly agentId?: string;
  readonly traceId?: string;
  readonly scan?: ExecContext['scan'];
  readonly grant?: string;
  readonly taskId?: string;
}

function defaultSigner(ledger: Ledger): LedgerSigner {
  const dir = ledger.store.dataDir;
  return dir === undefined ? createSigner(generateSigningKeyPem()) : loadOrCreateSigningKey(dir);
}

/**
 * Creates the guarded executor. The registry is checked against the policy set (every tool
 * must be declared there, in the effect group of its effect) and its fingerprint is logged as
 * `config_changed` when it differs from the last start.
 */
export async function createExecutor(options: ExecutorOptions): Promise<Executor> {
  const parsed = executorOptionsSchema.safeParse(options);
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  const o = parsed.data;
  const { registry, policy, ledger } = o;
  const clock = o.clock ?? Date.now;
  const effectLanes: EffectLanes = { ...DEFAULT_EFFECT_LANES, ...o.effectLanes };
  const signer = o.signer ?? defaultSigner(ledger);
  const nextId = createEventIdFactory();
  const newId = () => nextId(new Date(clock()));

  for (const tool of registry.tools) {
    const declared = policy.tool(tool.name);
    if (declared === undefined || !declared.effects.includes(tool.effect)) {
      throw new MaestroError('ERR_REGISTRY_INVALID', {
        message:
          declared === undefined
            ? `Tool ${tool.name} is not declared in the policy schema (action "tool:${tool.name}").`
            : `Tool ${tool.name} has effect ${tool.effect}, but the policy schema puts it in ${declared.effects.join(', ')}.`,
      });
    }
  }

  const previous = await swapFingerprint(
    ledger.store,
    o.systemTenantId,
    'tool_registry',
    registry.fingerprint,
    clock(),
  );
  if (previous !== registry.fingerprint) {
    await ledger.logRiskEvent(
      registryChangedEvent({
        tenantId: o.systemTenantId,
        principal: 'maestro:executor',
        traceId: undefined,
        fingerprint: registry.fingerprint,
        previous,
        tools: registry.tools.map((t) => t.name),
      }),
    );
  }

  const ledgerHealth = { failing: false };
  const logQuietly = async (event: RiskEventInput): Promise<void> => {
    try {
      await ledger.logRiskEvent(event);
      ledgerHealth.failing = false;
    } catch {
      // An event after the fact must not change an outcome already decided; from now on every
      // call waits for its receipt's commit until a write succeeds again.
      ledgerHealth.failing = true;
    }
  };

  const budgets = createBudgetTracker({
    clock,
    ...(o.tenantBudgets === undefined ? {} : { tenants: o.tenantBudgets }),
    // Exactly once per task a budget ends.
    onExceeded: ({ taskId, tenantId, error }) =>
      void logQuietly(
        budgetEvent({
          tenantId,
          principal: 'maestro:executor',
          traceId: undefined,
          taskId,
          limit: error.limit,
          scope: error.scope,
          max: error.max,
          used: error.used,
        }),
      ),
  });
  const tasks = new Map<string, TaskBudget>();
  const given = o.resilience;
  const resilience = createResilience({
    ...given,
    // Circuits are per integration, not per tenant: their events go to the system tenant.
    onCircuitChange: (change) => {
      given?.onCircuitChange?.(change);
      void logQuietly(
        circuitEvent({
          tenantId: o.systemTenantId,
          principal: 'maestro:executor',
          traceId: undefined,
          ...change,
        }),
      );
    },
  });
  const killSwitch = createKillSwitch(ledger, clock, o.killSwitchCacheMs);

  const runDeps = {
    ledger,
    signer,
    resilience,
    clock,
    newId,
    idempotencyWaitMs: o.idempotencyWaitMs,
    logQuietly,
    readReceipts: o.readReceipts,
    ledgerHealth,
  };

  function startTask(spec: { tenantId: string; id?: string; budget?: Budget }): ExecutorTask {
    if (tasks.size >= o.maxTasks) {
      throw new InvalidOptionsError(
        `Too many open tasks (${o.maxTasks}); end finished tasks with task.end().`,
      );
    }
    const id = spec.id ?? newId();
    if (tasks.has(id)) throw new InvalidOptionsError(`Task ${id} is already open.`);
    const task = budgets.startTask({ taskId: id, tenantId: spec.tenantId, budget: spec.budget ?? {} });
    tasks.set(id, task);
    return {
      id,
      tenantId: spec.tenantId,
      step: () => task.step(),
      remaining: () => task.remaining(),
      end() {
        task.end();
        tasks.delete(id);
      },
      get ended() {
        return task.ended;
      },
    };
  }

  /** The grant's chain as receipt links, or the reason the intent may not use it. */
  async function checkDelegation(
    context: ExecContext,
    tool: string,
  ): Promise<
    { ok: true; grant: Grant | undefined; links: DelegationLink[] } | { ok: false; error: MaestroError }
  > {
    if (context.grant === undefined) return { ok: true, grant: undefined, links: [] };
    if (o.grants === undefined) {
      return {
        ok: false,
        error: new MaestroError('ERR_GRANT_INVALID', { message: 'This executor verifies no grants.' }),
      };
    }
    let grant: Grant;
    try {
      grant = await o.grants.verify(context.grant);
    } catch (error) {
      return {
        ok: false,
        error: error instanceof MaestroError ? error : new MaestroError('ERR_GRANT_INVALID'),
      };
    }
    const holder = context.agentId ?? context.principal.id;
    if (grant.subject !== holder) {
      return {
        ok: false,
        error: new MaestroError('ERR_GRANT_INVALID', { message: 'The grant was issued to another agent.' }),
      };
    }
    const check = checkGrant(grant, { tool, tenantId: context.tenantId, clock });
    if (!check.ok) {
      return {
        ok: false,
        error: new MaestroError('ERR_GRANT_DENIED', {
          message: `The grant does not allow this ${check.reason}.`,
        }),
      };
    }
    const links = [
      ...grant.chain.map((l) => ({ subject: l.subject, grantId: l.grantId })),
      { subject: grant.subject, grantId: grant.id },
    ];
    return { ok: true, grant, links };
  }

  /** The task a call charges: the context's, or one per grant (so a grant's budget spans its calls). */
  function taskFor(context: ExecContext, grant: Grant | undefined): TaskBudget | undefined | MaestroError {
    if (context.taskId !== undefined) {
      const task = tasks.get(context.taskId);
      if (task === undefined)
        return new InvalidOptionsError(
          `No open task ${context.taskId} (start it with executor.startTask()).`,
        );
      return task;
    }
    if (grant === undefined || Object.keys(grant.budget).length === 0) return undefined;
    const id = `grant:${grant.id}`;
    const existing = tasks.get(id);
    if (existing !== undefined) return existing;
    if (tasks.size >= o.maxTasks) return new InvalidOptionsError('Too many open tasks.');
    const task = budgets.startTask({ taskId: id, tenantId: context.tenantId, budget: grant.budget });
    tasks.set(id, task);
    return task;
  }

  async function decideAndRun(
    intent: Intent,
    context: ExecContext,
    approved: { id: string; approver: string; argsHash: string } | undefined,
  ): Promise<ProposeOutcome> {
    const base = { tenantId: context.tenantId, principal: context.principal.id, traceId: context.traceId };
    const refuse = async (
      reasons: string[],
      error: MaestroError,
      policies: readonly string[] = [],
      argsHash?: string,
    ) => {
      await logQuietly(
        blockEvent({
          ...base,
          tool: intent.tool.slice(0, 64),
          reasons,
          policies,
          errorCode: error.code,
          argsHash,
        }),
      );
      return blocked(reasons, error, policies);
    };

    const tool: Tool | undefined = registry.get(intent.tool);
    if (tool === undefined) {
      return refuse(
        ['tool'],
        new MaestroError('ERR_TOOL_UNKNOWN', { message: 'No tool of that name is registered.' }),
      );
    }
    let args: unknown;
    try {
      args = validateAgainst(tool.input, intent.args, 'input', tool.name);
    } catch (error) {
      return refuse(
        ['args'],
        error instanceof MaestroError ? error : new MaestroError('ERR_TOOL_INVALID_ARGS'),
      );
    }
    let argsHash: string;
    try {
      argsHash = payloadHashOf(args ?? null) ?? '';
    } catch {
      return refuse(
        ['args'],
        new MaestroError('ERR_TOOL_INVALID_ARGS', { message: 'The arguments are not JSON data.' }),
      );
    }

    // An approval covers the exact arguments it was given for, nothing else.
    if (approved !== undefined && approved.argsHash !== argsHash) {
      return refuse(
        ['approval'],
        new MaestroError('ERR_APPROVAL_STATE', { message: 'The arguments differ from the approved ones.' }),
        [],
        argsHash,
      );
    }
    const delegation = await checkDelegation(context, tool.name);
    if (!delegation.ok) return refuse(['grant'], delegation.error, [], argsHash);
    const task = taskFor(context, delegation.grant);
    if (task instanceof MaestroError) throw task;
    if (task?.ended === true) {
      return refuse(
        ['budget'],
        new MaestroError('ERR_BUDGET_EXCEEDED', { message: 'The task has ended.' }),
        [],
        argsHash,
      );
    }

    let killEngaged: boolean;
    try {
      killEngaged = (await killSwitch.state(context.tenantId)).engaged;
    } catch (error) {
      return {
        status: 'blocked',
        lane: 'block',
        reasons: ['kill_switch'],
        policies: [],
        error: safeBody(error),
      };
    }

    const decision = policy.decide({
      principal: {
        kind: context.principal.kind,
        id: context.principal.id,
        tenant: context.tenantId,
        ...(context.principal.claims === undefined ? {} : { claims: context.principal.claims }),
        ...(context.principal.attributes === undefined ? {} : { attributes: context.principal.attributes }),
      },
      tool: tool.name,
      ...(intent.resource === undefined ? {} : { resource: intent.resource }),
      ...(intent.entities === undefined ? {} : { entities: intent.entities }),
      args: isObject(args) ? args : { value: args },
      tenant: context.tenantId,
      riskScore: context.scan?.score ?? 0,
      scanLane: context.scan?.lane ?? 'auto',
      time: Math.floor(clock() / 1000),
    });
    if (decision.decision === 'deny') {
      const error =
        decision.errors.length > 0
          ? new MaestroError('ERR_POLICY_EVALUATION')
          : new MaestroError('ERR_INTENT_BLOCKED', { message: 'The policy set does not allow this call.' });
      return refuse(['policy'], error, decision.policies, argsHash);
    }
    const { lane, reasons } = laneOf({
      effect: effectLanes[tool.effect],
      tool: tool.lane,
      policy: decision.lane,
      scan: context.scan?.lane ?? 'auto',
      killSwitch: killSwitchLane(killEngaged, tool.effect),
    });
    if (lane === 'block') {
      return refuse(
        reasons,
        new MaestroError('ERR_INTENT_BLOCKED', { message: `Blocked by ${reasons.join(', ')}.` }),
        decision.policies,
        argsHash,
      );
    }

    let approval: { id: string; approver: string } | undefined = approved;
    if (lane === 'confirm' && approval === undefined) {
      const stored: StoredIntent = {
        tool: tool.name,
        args,
        ...(intent.resource === undefined ? {} : { resource: intent.resource }),
        ...(intent.entities === undefined ? {} : { entities: intent.entities }),
        ...(intent.idempotencyKey === undefined ? {} : { idempotencyKey: intent.idempotencyKey }),
        principal: context.principal,
        ...(context.agentId === undefined ? {} : { agentId: context.agentId }),
        ...(context.traceId === undefined ? {} : { traceId: context.traceId }),
        ...(context.scan === undefined ? {} : { scan: context.scan }),
        ...(context.grant === undefined ? {} : { grant: context.grant }),
        ...(context.taskId === undefined ? {} : { taskId: context.taskId }),
      };
      let requested: Awaited<ReturnType<typeof requestApproval>>;
      try {
        requested = await requestApproval(ledger.store, {
          tenantId: context.tenantId,
          id: newId(),
          tool: tool.name,
          argsHash,
          toolFingerprint: tool.fingerprint,
          intentJson: JSON.stringify(stored),
          requester: context.principal.id,
          reasons,
          now: clock(),
          ttlMs: o.approvals.ttlMs,
          maxPending: o.approvals.maxPending,
          maxPendingPerRequester: o.approvals.maxPendingPerRequester,
        });
      } catch (error) {
        return { status: 'failed', lane: 'confirm', receipt: null, error: safeBody(error) };
      }
      await logExpired(requested.expired);
      if (requested.kind === 'overflow') {
        // One event for the first refused request of a burst; the rest only count.
        if (requested.first) {
          await logQuietly(
            approvalEvent({
              ...base,
              tool: tool.name,
              action: 'summarised',
              approvalId: null,
              argsHash,
              suppressed: requested.suppressed,
            }),
          );
        }
        return {
          status: 'deferred',
          lane: 'confirm',
          error: new MaestroError('ERR_APPROVAL_QUEUE_FULL').toJSON(),
          summary: { pending: requested.pending, suppressed: requested.suppressed },
        };
      }
      if (requested.kind === 'created' || requested.kind === 'joined') {
        if (requested.kind === 'created') {
          await logQuietly(
            approvalEvent({
              ...base,
              tool: tool.name,
              action: 'requested',
              approvalId: requested.record.id,
              argsHash,
              reasons,
            }),
          );
        }
        return { status: 'pending_approval', lane: 'confirm', approval: toView(requested.record) };
      }
      // approved earlier and now claimed: run it under that approval.
      approval = { id: requested.record.id, approver: requested.record.approver ?? 'unknown' };
    }

    const outcome = await runApprovedCall(runDeps, {
      tool,
      args,
      argsHash,
      lane,
      policies: decision.policies,
      tenantId: context.tenantId,
      principal: context.principal.id,
      agentId: context.agentId,
      traceId: context.traceId,
      idempotencyKey: intent.idempotencyKey,
      delegation: delegation.links,
      approval,
      task,
      signal: context.signal,
    });
    if (approval !== undefined) {
      const ran =
        outcome.status === 'succeeded' || outcome.status === 'failed' || outcome.status === 'degraded';
      const receiptId = 'receipt' in outcome && outcome.receipt !== null ? outcome.receipt.id : null;
      await (ran && receiptId !== null
        ? finishApproval(
            ledger.store,
            context.tenantId,
            approval.id,
            outcome.status === 'succeeded' ? 'executed' : 'failed',
            receiptId,
          )
        : releaseApproval(ledger.store, context.tenantId, approval.id)
      ).catch(() => undefined);
    }
    return outcome;
  }

  const logExpired = (expired: readonly ApprovalRecord[]) => logExpiredApprovals(ledger, expired);

  const approvals = createApprovalApi({ ledger, clock, logExpired });

  async function propose(intent: Intent, context: ExecContext): Promise<ProposeOutcome> {
    const checked = parseIntent(intent, context);
    try {
      return await decideAndRun(
        checked.intent,
        { ...checked.context, ...(context.signal === undefined ? {} : { signal: context.signal }) },
        undefined,
      );
    } catch (error) {
      if (error instanceof InvalidOptionsError) throw error;
      // Fail closed: an unexpected error is a refusal, never a run.
      return { status: 'blocked', lane: 'block', reasons: ['error'], policies: [], error: safeBody(error) };
    }
  }

  async function resume(
    tenantId: string,
    approvalId: string,
    opts: { signal?: AbortSignal } = {},
  ): Promise<ProposeOutcome> {
    let claimed: Awaited<ReturnType<typeof claimApproval>>;
    try {
      claimed = await claimApproval(ledger.store, tenantId, approvalId, clock());
    } catch (error) {
      return {
        status: 'blocked',
        lane: 'block',
        reasons: ['approval'],
        policies: [],
        error: safeBody(error),
      };
    }
    await logExpired(claimed.expired);
    const record = claimed.result;
    if (claimed.refusal !== undefined || record === undefined) {
      return blocked(['approval'], claimed.refusal ?? new MaestroError('ERR_APPROVAL_NOT_FOUND'));
    }
    const stored = JSON.parse(record.intentJson) as StoredIntent;
    const tool = registry.get(record.tool);
    if (tool === undefined || tool.fingerprint !== record.toolFingerprint) {
      await finishApproval(ledger.store, tenantId, approvalId, 'failed', null).catch(() => undefined);
      return blocked(
        ['approval'],
        new MaestroError('ERR_APPROVAL_STATE', {
          message: 'The tool changed since the request was approved; propose it again.',
        }),
      );
    }
    const intent: Intent = {
      tool: stored.tool,
      args: stored.args,
      ...(stored.resource === undefined ? {} : { resource: stored.resource }),
      ...(stored.entities === undefined ? {} : { entities: stored.entities }),
      ...(stored.idempotencyKey === undefined ? {} : { idempotencyKey: stored.idempotencyKey }),
    };
    const context: ExecContext = {
      tenantId,
      principal: stored.principal,
      ...(stored.agentId === undefined ? {} : { agentId: stored.agentId }),
      ...(stored.traceId === undefined ? {} : { traceId: stored.traceId }),
      ...(stored.scan === undefined ? {} : { scan: stored.scan }),
      ...(stored.grant === undefined ? {} : { grant: stored.grant }),
      ...(stored.taskId === undefined || !tasks.has(stored.taskId) ? {} : { taskId: stored.taskId }),
      ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    };
    let outcome: ProposeOutcome;
    try {
      outcome = await decideAndRun(intent, context, {
        id: record.id,
        approver: record.approver ?? 'unknown',
        argsHash: record.argsHash,
      });
    } catch (error) {
      outcome = {
        status: 'blocked',
        lane: 'block',
        reasons: ['error'],
        policies: [],
        error: safeBody(error),
      };
    }
    // Still allowed when approved, but not any more (policy changed, grant expired): refused for good.
    if (outcome.status === 'blocked') {
      await finishApproval(ledger.store, tenantId, approvalId, 'failed', null).catch(() => undefined);
    }
    return outcome;
  }

  return {
    propose,
    resume,
    approvals,
    killSwitch,
    startTask,
    registry,
    receiptKeyPem: signer.publicKeyPem,
    receiptKeys: publicKeysFrom([signer.publicKeyPem]),
  };
}

export type { Lane };

import { randomUUID } from 'node:crypto';
import type { Lane } from '../core/index.js';
import { MaestroError } from '../errors/index.js';
import type { Ledger, LedgerSigner } from '../ledger/index.js';
import { payloadHashOf } from '../ledger/index.js';
import { BudgetExceededError, type TaskBudget } from './budget/index.js';
import { blockEvent, receiptEvent, resultEvent } from './execEvents.js';
import { blocked, type ProposeOutcome, safeBody } from './outcome.js';
import { type DelegationLink, type Receipt, signReceipt } from './receipt.js';
import { CircuitOpenError, type Resilience } from './resilience/index.js';
import { claimKey, completeKey, type KeyClaim } from './store/idempotencyStore.js';
import type { Tool } from './tool.js';
import { validateAgainst } from './validateArgs.js';

/** Everything decided about an intent before it runs. */
export interface ApprovedCall {
  readonly tool: Tool;
  readonly args: unknown;
  readonly argsHash: string;
  readonly lane: Exclude<Lane, 'block'>;
  readonly policies: readonly string[];
  readonly tenantId: string;
  readonly principal: string;
  readonly agentId: string | undefined;
  readonly traceId: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly delegation: readonly DelegationLink[];
  readonly approval: { readonly id: string; readonly approver: string } | undefined;
  readonly task: TaskBudget | undefined;
  readonly signal: AbortSignal | undefined;
}

export interface RunDeps {
  readonly ledger: Ledger;
  readonly signer: LedgerSigner;
  readonly resilience: Resilience;
  readonly clock: () => number;
  readonly newId: () => string;
  /** How long a second caller of a running idempotency key waits for its result. */
  readonly idempotencyWaitMs: number;
  /** Writes a risk event without failing the caller (for events after the fact). */
  readonly logQuietly: (event: Parameters<Ledger['logRiskEvent']>[0]) => Promise<void>;
  /**
   * When a read's result may be returned: once its receipt is queued in the ledger writer
   * (`queued`) or only once it is committed (`committed`). Tools with other effects always
   * wait for the commit before they start.
   */
  readonly readReceipts: 'queued' | 'committed';
  /** Set when a ledger write failed, cleared by the next that succeeds: while set, reads wait too. */
  readonly ledgerHealth: { failing: boolean };
}

/** Results larger than this are not kept for replay: the call fails rather than replay wrongly. */
export const MAX_STORED_RESULT_BYTES = 4 * 1024 * 1024;

function hashOrUndefined(value: unknown): string | undefined {
  try {
    return payloadHashOf(value) ?? undefined;
  } catch {
    // Not canonical JSON (NaN, Infinity): the result is still returned, only its hash is left out.
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function leaseMsOf(tool: Tool): number {
  const attempts = tool.retry?.maxAttempts ?? 1;
  const backoff = tool.retry === undefined ? 0 : tool.retry.maxDelayMs * (attempts - 1);
  return tool.timeoutMs * attempts + backoff + 5_000;
}

/** Claims the idempotency key, waiting (bounded) while another caller runs the same call. */
async function claim(deps: RunDeps, call: ApprovedCall, key: string, holder: string): Promise<KeyClaim> {
  // A real wait, so real time bounds it (the injected clock may be a test's frozen one).
  const deadline = performance.now() + deps.idempotencyWaitMs;
  let pause = 10;
  for (;;) {
    const result = await claimKey(deps.ledger.store, {
      tenantId: call.tenantId,
      key,
      tool: call.tool.name,
      argsHash: call.argsHash,
      holder,
      now: deps.clock(),
      leaseMs: leaseMsOf(call.tool),
    });
    if (result.kind !== 'running' || performance.now() >= deadline || call.signal?.aborted === true)
      return result;
    await sleep(Math.min(pause, Math.max(1, deadline - performance.now())));
    pause = Math.min(pause * 2, 200);
  }
}

function replayed(
  call: ApprovedCall,
  claimed: { resultJson: string; receiptJson: string | null },
): ProposeOutcome {
  const receipt = claimed.receiptJson === null ? null : (JSON.parse(claimed.receiptJson) as Receipt);
  return {
    status: 'succeeded',
    lane: call.lane,
    receipt,
    result: JSON.parse(claimed.resultJson),
    replayed: true,
  };
}

/**
 * Runs an allowed call: budget, idempotency key, signed receipt (committed to the ledger before
 * any side effect), the tool under its timeout, retry, breaker and bulkhead, its output checked,
 * then the outcome recorded. Never throws: every failure is an outcome.
 */
export async function runApprovedCall(deps: RunDeps, call: ApprovedCall): Promise<ProposeOutcome> {
  const { tool } = call;
  const base = { tenantId: call.tenantId, principal: call.principal, traceId: call.traceId };

  let reservation: { commit(actual?: number): void; release(): void } | undefined;
  try {
    reservation = call.task?.reserveToolCall(tool.cost);
  } catch (error) {
    // The tracker has ended the task and logged why.
    if (error instanceof BudgetExceededError) return blocked(['budget'], error);
    return { status: 'failed', lane: call.lane, receipt: null, error: safeBody(error) };
  }

  const holder = randomUUID();
  const key = call.idempotencyKey;
  let keyClaimed = false;
  const receipt = signReceipt(
    {
      v: 1,
      id: deps.newId(),
      tenantId: call.tenantId,
      time: new Date(deps.clock()).toISOString(),
      tool: tool.name,
      toolFingerprint: tool.fingerprint,
      effect: tool.effect,
      argsHash: call.argsHash,
      idempotencyKey: key ?? null,
      lane: call.lane,
      policies: call.policies,
      approvalId: call.approval?.id ?? null,
      approver: call.approval?.approver ?? null,
      principal: call.principal,
      agentId: call.agentId ?? null,
      delegation: call.delegation,
      traceId: call.traceId ?? null,
    },
    deps.signer,
  );

  try {
    if (key !== undefined) {
      const claimed = await claim(deps, call, key, holder);
      if (claimed.kind === 'conflict') {
        reservation?.release();
        const error = new MaestroError('ERR_IDEMPOTENCY_CONFLICT');
        await deps.logQuietly(
          blockEvent({
            ...base,
            tool: tool.name,
            reasons: ['idempotency'],
            policies: [],
            errorCode: error.code,
            argsHash: call.argsHash,
          }),
        );
        return blocked(['idempotency'], error);
      }
      if (claimed.kind === 'running') {
        reservation?.release();
        return {
          status: 'failed',
          lane: call.lane,
          receipt: null,
          error: new MaestroError('ERR_IDEMPOTENCY_IN_PROGRESS').toJSON(),
        };
      }
      if (claimed.kind === 'replay') {
        reservation?.release();
        return replayed(call, claimed);
      }
      keyClaimed = true;
    }
  } catch (error) {
    reservation?.release();
    return { status: 'failed', lane: call.lane, receipt: null, error: safeBody(error) };
  }

  const finishKey = async (
    outcome: { status: 'succeeded'; resultJson: string } | { status: 'failed'; errorCode: string },
    written: boolean,
  ) => {
    if (!keyClaimed || key === undefined) return;
    await completeKey(deps.ledger.store, {
      tenantId: call.tenantId,
      key,
      holder,
      now: deps.clock(),
      outcome:
        outcome.status === 'succeeded'
          ? { status: 'succeeded', resultJson: outcome.resultJson, receiptJson: JSON.stringify(receipt) }
          : {
              status: 'failed',
              errorCode: outcome.errorCode,
              receiptJson: written ? JSON.stringify(receipt) : null,
            },
    }).catch(() => false);
  };

  // The receipt is committed before a side effect starts. A read changes nothing: it runs while
  // its receipt commits, and (readReceipts 'queued') returns without waiting for the commit,
  // unless the ledger is failing or full, when it waits like everything else (fail closed).
  const writer = deps.ledger.stats();
  const waitForCommit =
    tool.effect !== 'read' ||
    deps.readReceipts === 'committed' ||
    deps.ledgerHealth.failing ||
    writer.pending >= writer.capacity;
  const receiptWrite = deps.ledger.logRiskEvent(receiptEvent(receipt));
  receiptWrite.then(
    () => {
      deps.ledgerHealth.failing = false;
    },
    () => {
      deps.ledgerHealth.failing = true;
    },
  );
  if (tool.effect !== 'read') {
    try {
      await receiptWrite;
    } catch (error) {
      reservation?.release();
      await finishKey({ status: 'failed', errorCode: 'ERR_LEDGER_UNAVAILABLE' }, false);
      return { status: 'failed', lane: call.lane, receipt: null, error: safeBody(error) };
    }
  }

  const started = performance.now();
  let output: unknown;
  let failure: unknown;
  // Whether the tool was called at all (an open circuit or a full bulkhead never calls it).
  let toolStarted = false;
  try {
    output = await deps.resilience.run(
      {
        tool: tool.name,
        integration: tool.integration,
        timeoutMs: tool.timeoutMs,
        idempotent: tool.idempotent,
        ...(tool.retry === undefined ? {} : { retry: tool.retry }),
        ...(call.signal === undefined ? {} : { signal: call.signal }),
      },
      (signal, attempt) => {
        toolStarted = true;
        return tool.run(call.args, {
          signal,
          tenantId: call.tenantId,
          principal: call.principal,
          agentId: call.agentId,
          receiptId: receipt.id,
          idempotencyKey: key,
          attempt,
        });
      },
    );
    output = validateAgainst(tool.output, output, 'output', tool.name);
  } catch (error) {
    failure = error;
  }
  const durationMs = performance.now() - started;

  // A call that ran costs its units whether or not it succeeded; one that never started costs none.
  if (toolStarted) reservation?.commit();
  else reservation?.release();
  let outcome: ProposeOutcome;
  let keyOutcome: { status: 'succeeded'; resultJson: string } | { status: 'failed'; errorCode: string };
  let event: Parameters<Ledger['logRiskEvent']>[0];
  if (failure !== undefined) {
    const error = safeBody(failure);
    event = resultEvent(receipt, {
      status: failure instanceof CircuitOpenError ? 'degraded' : 'failed',
      errorCode: error.code,
      durationMs,
    });
    keyOutcome = { status: 'failed', errorCode: error.code };
    outcome =
      failure instanceof CircuitOpenError
        ? {
            status: 'degraded',
            lane: call.lane,
            receipt,
            error,
            integration: failure.integration,
            retryAfterMs: failure.retryAfterMs ?? null,
          }
        : { status: 'failed', lane: call.lane, receipt, error };
  } else {
    let resultJson: string | undefined;
    try {
      resultJson = JSON.stringify(output ?? null);
    } catch {
      resultJson = undefined;
    }
    if (resultJson === undefined) {
      // A result that is not JSON data (a BigInt, a cycle) cannot be recorded or replayed.
      const error = new MaestroError('ERR_TOOL_INVALID_OUTPUT', {
        message: `Tool ${tool.name} returned a result that is not JSON data.`,
      }).toJSON();
      event = resultEvent(receipt, { status: 'failed', errorCode: error.code, durationMs });
      keyOutcome = { status: 'failed', errorCode: error.code };
      outcome = { status: 'failed', lane: call.lane, receipt, error };
    } else if (keyClaimed && Buffer.byteLength(resultJson) > MAX_STORED_RESULT_BYTES) {
      const error = new MaestroError('ERR_TOOL_INVALID_OUTPUT', {
        message: `Tool ${tool.name} returned more than ${MAX_STORED_RESULT_BYTES} bytes, too much to keep for idempotent replay.`,
      }).toJSON();
      event = resultEvent(receipt, { status: 'failed', errorCode: error.code, durationMs });
      keyOutcome = { status: 'failed', errorCode: error.code };
      outcome = { status: 'failed', lane: call.lane, receipt, error };
    } else {
      event = resultEvent(receipt, {
        status: 'succeeded',
        durationMs,
        outputHash: hashOrUndefined(output ?? null),
      });
      keyOutcome = { status: 'succeeded', resultJson };
      outcome = { status: 'succeeded', lane: call.lane, receipt, result: output, replayed: false };
    }
  }

  // Queued before waiting for a read's receipt, so both usually commit in one ledger batch. The
  // outcome is decided, so its event is not waited for unless everything is (it commits with the
  // next batch; a failure marks the ledger as failing).
  const resultLogged = deps.logQuietly(event);
  if (tool.effect === 'read' && waitForCommit) {
    try {
      await receiptWrite;
    } catch (error) {
      await resultLogged;
      await finishKey({ status: 'failed', errorCode: 'ERR_LEDGER_UNAVAILABLE' }, false);
      return { status: 'failed', lane: call.lane, receipt: null, error: safeBody(error) };
    }
  }
  if (deps.readReceipts === 'committed') await resultLogged;
  await finishKey(keyOutcome, true);
  return outcome;
}

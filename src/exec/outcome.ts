import type { Lane } from '../core/index.js';
import { MaestroError, type SafeErrorBody, toSafeError } from '../errors/index.js';
import type { Receipt } from './receipt.js';

/** An approval request as the proposer and the approver see it (never the arguments). */
export interface ApprovalView {
  readonly id: string;
  readonly tenantId: string;
  readonly tool: string;
  readonly argsHash: string;
  readonly requester: string;
  readonly status: string;
  readonly reasons: readonly string[];
  readonly approver: string | null;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly receiptId: string | null;
}

/**
 * What `propose` and `resume` return. Every intent ends in exactly one of these; none of them
 * is thrown, so an agent loop gets something it can reason about (and show the model) whatever
 * happened. Only a misuse of the API (a malformed context) throws.
 */
export type ProposeOutcome =
  | {
      readonly status: 'succeeded';
      readonly lane: Exclude<Lane, 'block'>;
      /** For a replay, the receipt of the run that produced the result. */
      readonly receipt: Receipt | null;
      readonly result: unknown;
      /** The result of an earlier call with the same idempotency key; the tool did not run again. */
      readonly replayed: boolean;
    }
  | { readonly status: 'pending_approval'; readonly lane: 'confirm'; readonly approval: ApprovalView }
  | {
      /** The approval queue was full: the request was counted in the approvers' summary, not queued. */
      readonly status: 'deferred';
      readonly lane: 'confirm';
      readonly error: SafeErrorBody;
      readonly summary: { readonly pending: number; readonly suppressed: number };
    }
  | {
      readonly status: 'blocked';
      readonly lane: 'block';
      /** What blocked it: `policy`, `scan`, `tool`, `args`, `grant`, `budget`, `idempotency`, `approval`. */
      readonly reasons: readonly string[];
      readonly policies: readonly string[];
      readonly error: SafeErrorBody;
    }
  | {
      /** The integration's circuit is open: a partial result the agent can plan around. */
      readonly status: 'degraded';
      readonly lane: Exclude<Lane, 'block'>;
      readonly receipt: Receipt;
      readonly error: SafeErrorBody;
      readonly integration: string;
      readonly retryAfterMs: number | null;
    }
  | {
      readonly status: 'failed';
      readonly lane: Exclude<Lane, 'block'>;
      readonly receipt: Receipt | null;
      readonly error: SafeErrorBody;
    };

export function blocked(
  reasons: readonly string[],
  error: MaestroError,
  policies: readonly string[] = [],
): ProposeOutcome {
  return { status: 'blocked', lane: 'block', reasons, policies, error: error.toJSON() };
}

/** The caller-safe body of any error: a MaestroError's own, or a generic internal one. */
export function safeBody(error: unknown): SafeErrorBody {
  return toSafeError(error);
}

/** Result of an intent, or the typed error it ended with (for callers that prefer exceptions). */
export function unwrapOutcome(outcome: ProposeOutcome): unknown {
  if (outcome.status === 'succeeded') return outcome.result;
  if (outcome.status === 'pending_approval') {
    throw new MaestroError('ERR_INTENT_BLOCKED', {
      message: `The call waits for approval ${outcome.approval.id}.`,
    });
  }
  throw new MaestroError(outcome.error.code, { message: outcome.error.message });
}

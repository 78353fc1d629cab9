import { handleWhen, type RetryPolicy, retry, type TimeoutPolicy, TimeoutStrategy, timeout } from 'cockatiel';
import { z } from 'zod';
import { invalidOptionsFromZod } from '../../errors/index.js';
import { jitteredBackoff } from './jitteredBackoff.js';
import { isAttemptFailure } from './resilienceErrors.js';

/** One tool call as the resilience layer sees it. */
export interface ResilientCall {
  readonly tool: string;
  /** The external system called: one circuit breaker and one bulkhead per name. */
  readonly integration: string;
  /** Deadline of each attempt. */
  readonly timeoutMs: number;
  /** Only idempotent calls are ever retried. */
  readonly idempotent: boolean;
  /** Attempts in all (the first included) and the backoff between them. */
  readonly retry?: {
    readonly maxAttempts: number;
    readonly initialDelayMs: number;
    readonly maxDelayMs: number;
  };
  /** The caller's cancellation: aborts the running attempt and stops retries. */
  readonly signal?: AbortSignal;
}

const callShapeSchema = z.strictObject({
  timeoutMs: z.number().int().min(1).max(3_600_000),
  retry: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(100),
      initialDelayMs: z.number().int().min(0).max(3_600_000),
      maxDelayMs: z.number().int().min(0).max(3_600_000),
    })
    .refine((r) => r.maxDelayMs >= r.initialDelayMs, { message: 'maxDelayMs must be ≥ initialDelayMs' })
    .optional(),
});

/** The per-call policies: a retry (or none) and a per-attempt deadline. */
export interface CallPolicies {
  /** undefined when the call gets exactly one attempt. */
  readonly retry: RetryPolicy | undefined;
  readonly timeout: TimeoutPolicy;
}

/**
 * Retry after a failed or timed-out attempt, nothing else: not after an open circuit (fail fast),
 * a full bulkhead (our own load), a cancellation by the caller, or a bad request.
 */
const retryable = handleWhen(isAttemptFailure);

/** Tools are few and their settings fixed, so the policies are built once per call shape. */
const MAX_CACHED_SHAPES = 256;

/** Builds (and caches) the retry and timeout policies for a call's shape; validates it on first sight. */
export function callPoliciesCache(random: () => number): (call: ResilientCall) => CallPolicies {
  const cache = new Map<string, CallPolicies>();
  return (call) => {
    // Non-idempotent: exactly one attempt, whatever retry says.
    const retrySpec = call.idempotent === true ? call.retry : undefined;
    const key =
      retrySpec === undefined
        ? `${call.timeoutMs}`
        : `${call.timeoutMs}/${retrySpec.maxAttempts}/${retrySpec.initialDelayMs}/${retrySpec.maxDelayMs}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const parsed = callShapeSchema.safeParse({
      timeoutMs: call.timeoutMs,
      ...(retrySpec === undefined ? {} : { retry: retrySpec }),
    });
    if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
    const spec = parsed.data;
    const policies: CallPolicies = {
      retry:
        spec.retry === undefined || spec.retry.maxAttempts === 1
          ? undefined
          : // cockatiel counts retries, not attempts.
            retry(retryable, {
              maxAttempts: spec.retry.maxAttempts - 1,
              backoff: jitteredBackoff(spec.retry, random),
            }),
      // Aggressive: the attempt settles at its deadline even when the tool ignores its signal;
      // the signal is aborted at the deadline (and when the attempt returns), so cooperative work
      // really stops.
      timeout: timeout(spec.timeoutMs, TimeoutStrategy.Aggressive),
    };
    if (cache.size < MAX_CACHED_SHAPES) cache.set(key, policies);
    return policies;
  };
}

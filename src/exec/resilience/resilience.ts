import {
  BrokenCircuitError,
  type BulkheadPolicy,
  BulkheadRejectedError,
  bulkhead,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleAll,
  handleWhen,
  type IPolicy,
  retry,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';
import { z } from 'zod';
import { invalidOptionsFromZod, MaestroError } from '../../errors/index.js';
import {
  BulkheadFullError,
  CircuitOpenError,
  ToolFailedError,
  ToolTimeoutError,
} from './resilienceErrors.js';

const breakerSchema = z.strictObject({
  consecutiveFailures: z.number().int().min(1).max(1000).default(5),
  halfOpenAfterMs: z.number().int().min(1).max(3_600_000).default(30_000),
});
const bulkheadSchema = z.strictObject({
  limit: z.number().int().min(1).max(10_000).default(16),
  queue: z.number().int().min(0).max(100_000).default(64),
});
const integrationSchema = z.strictObject({
  breaker: breakerSchema.default({ consecutiveFailures: 5, halfOpenAfterMs: 30_000 }),
  bulkhead: bulkheadSchema.default({ limit: 16, queue: 64 }),
});
const resilienceOptionsSchema = integrationSchema.extend({
  /** Settings for single integrations, by name, over the defaults above. */
  integrations: z
    .record(
      z.string().max(64),
      z.strictObject({ breaker: breakerSchema.optional(), bulkhead: bulkheadSchema.optional() }),
    )
    .default({}),
});

export type ResilienceOptions = z.input<typeof resilienceOptionsSchema>;

/** One tool call as the resilience layer sees it. */
export interface ResilientCall {
  readonly tool: string;
  readonly integration: string;
  readonly timeoutMs: number;
  readonly idempotent: boolean;
  readonly retry?: {
    readonly maxAttempts: number;
    readonly initialDelayMs: number;
    readonly maxDelayMs: number;
  };
  readonly signal?: AbortSignal;
}

export type CircuitStateName = 'closed' | 'open' | 'half-open';

export interface IntegrationStats {
  readonly integration: string;
  readonly state: CircuitStateName;
  readonly running: number;
  readonly queued: number;
}

export interface Resilience {
  /**
   * Runs `fn` under the integration's bulkhead and circuit breaker, with a per-attempt timeout
   * and, for idempotent calls with a retry spec only, retries with backoff and jitter. Throws
   * ToolTimeoutError, CircuitOpenError, BulkheadFullError or ToolFailedError.
   */
  run<T>(call: ResilientCall, fn: (signal: AbortSignal, attempt: number) => Promise<T>): Promise<T>;
  state(integration: string): CircuitStateName;
  stats(): IntegrationStats[];
}

interface Integration {
  readonly breaker: CircuitBreakerPolicy;
  readonly bulkhead: BulkheadPolicy;
  readonly halfOpenAfterMs: number;
  readonly limit: number;
  readonly queue: number;
  /** Composed policies by call shape (timeout, attempts, backoff): tools are few and fixed. */
  readonly composed: Map<string, IPolicy>;
  openedAt: number | undefined;
}

// Retry on a failed or timed-out attempt; never when the circuit is open or the bulkhead refused.
// (cockatiel's retry stops by itself once the caller's signal is aborted.)
const retryable = handleWhen(
  (error) => !(error instanceof BrokenCircuitError) && !(error instanceof BulkheadRejectedError),
);

const MAX_COMPOSED = 256;

function composedPolicy(integration: Integration, call: ResilientCall): IPolicy {
  const attempts = call.idempotent && call.retry !== undefined ? call.retry.maxAttempts : 1;
  const key = `${call.timeoutMs}/${attempts}/${call.retry?.initialDelayMs ?? 0}/${call.retry?.maxDelayMs ?? 0}`;
  let policy = integration.composed.get(key);
  if (policy !== undefined) return policy;
  const retries = retry(retryable, {
    maxAttempts: attempts - 1,
    backoff: new ExponentialBackoff({
      initialDelay: call.retry?.initialDelayMs ?? 100,
      maxDelay: call.retry?.maxDelayMs ?? 1000,
    }),
  });
  // Aggressive: the call settles at the deadline even if the tool ignores its signal.
  const deadline = timeout(call.timeoutMs, TimeoutStrategy.Aggressive);
  // Outside in: the bulkhead admits the call (a queued call has used no attempt yet), retries
  // wrap the breaker so every attempt is counted by it and an open circuit stops the retries,
  // and each attempt has its own deadline.
  policy = wrap(integration.bulkhead, retries, integration.breaker, deadline);
  if (integration.composed.size < MAX_COMPOSED) integration.composed.set(key, policy);
  return policy;
}

const STATE_NAMES: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/** Integrations kept at once; names come from tool declarations, so this is a sanity bound. */
const MAX_INTEGRATIONS = 10_000;

export function createResilience(options: ResilienceOptions = {}): Resilience {
  const parsed = resilienceOptionsSchema.safeParse(options);
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  const settings = parsed.data;
  const integrations = new Map<string, Integration>();

  function integrationOf(name: string): Integration {
    let found = integrations.get(name);
    if (found !== undefined) return found;
    if (integrations.size >= MAX_INTEGRATIONS) throw new MaestroError('ERR_INTERNAL');
    const own = settings.integrations[name];
    const breakerSettings = { ...settings.breaker, ...own?.breaker };
    const bulkheadSettings = { ...settings.bulkhead, ...own?.bulkhead };
    const breaker = circuitBreaker(handleAll, {
      halfOpenAfter: breakerSettings.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(breakerSettings.consecutiveFailures),
    });
    const created: Integration = {
      breaker,
      bulkhead: bulkhead(bulkheadSettings.limit, bulkheadSettings.queue),
      halfOpenAfterMs: breakerSettings.halfOpenAfterMs,
      limit: bulkheadSettings.limit,
      queue: bulkheadSettings.queue,
      composed: new Map(),
      openedAt: undefined,
    };
    breaker.onBreak(() => {
      created.openedAt = Date.now();
    });
    breaker.onReset(() => {
      created.openedAt = undefined;
    });
    integrations.set(name, created);
    found = created;
    return found;
  }

  return {
    async run<T>(call: ResilientCall, fn: (signal: AbortSignal, attempt: number) => Promise<T>): Promise<T> {
      const integration = integrationOf(call.integration);
      const callerAborted = () => call.signal?.aborted === true;
      const policy = composedPolicy(integration, call);
      let attempt = 0;
      // Whether the last attempt's signal fired while it was still running: its deadline passed.
      let timedOut = false;
      try {
        return await policy.execute(({ signal }) => {
          let settled = false;
          timedOut = false;
          // Registered before the tool sees the signal, so it runs before the tool's own listener.
          signal.addEventListener('abort', () => {
            if (!settled) timedOut = true;
          });
          return fn(signal, ++attempt).finally(() => {
            settled = true;
          });
          // A signal of its own per call: cockatiel listens on it, and a shared one would collect
          // a listener per concurrent call.
        }, call.signal ?? new AbortController().signal);
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          const since = integration.openedAt === undefined ? undefined : Date.now() - integration.openedAt;
          throw new CircuitOpenError(
            call.integration,
            since === undefined ? undefined : Math.max(0, integration.halfOpenAfterMs - since),
          );
        }
        if (error instanceof BulkheadRejectedError) throw new BulkheadFullError(call.integration);
        if (callerAborted()) throw new ToolFailedError(call.tool, error, true);
        // The deadline fired: whatever the tool threw on its aborted signal, it timed out.
        if (error instanceof TaskCancelledError || timedOut) {
          throw new ToolTimeoutError(call.tool, call.timeoutMs);
        }
        // maestro's own errors are safe to pass on; anything else is withheld.
        if (error instanceof MaestroError) throw error;
        throw new ToolFailedError(call.tool, error);
      }
    },
    state(name) {
      const found = integrations.get(name);
      return found === undefined ? 'closed' : STATE_NAMES[found.breaker.state];
    },
    stats() {
      return [...integrations.entries()].map(([name, i]) => ({
        integration: name,
        state: STATE_NAMES[i.breaker.state],
        // cockatiel reports free slots.
        running: i.limit - i.bulkhead.executionSlots,
        queued: i.queue - i.bulkhead.queueSlots,
      }));
    },
  };
}

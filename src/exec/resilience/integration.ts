import {
  type BulkheadPolicy,
  bulkhead,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type IDisposable,
} from 'cockatiel';
import { isAttemptFailure, ToolCancelledError } from './resilienceErrors.js';
import type { CircuitChange, CircuitStateName, IntegrationSettings } from './resilienceOptions.js';

/** The per-integration state: one circuit breaker and one bulkhead, shared by all its tools. */
export interface Integration {
  readonly name: string;
  readonly settings: IntegrationSettings;
  readonly breaker: CircuitBreakerPolicy;
  readonly bulkhead: BulkheadPolicy;
  /** cockatiel listeners to dispose when the resilience layer is disposed. */
  readonly listeners: readonly IDisposable[];
  /** When the circuit last opened, by `Date.now()` (the clock cockatiel's breaker reads). */
  openedAt: number | undefined;
  /** Calls already answered whose tool ignored its signal and still runs (each keeps its slot). */
  abandoned: number;
}

export interface IntegrationStats {
  readonly integration: string;
  readonly state: CircuitStateName;
  /**
   * Calls holding one of the bulkhead's slots: running, waiting between their retries, or
   * abandoned (below).
   */
  readonly running: number;
  /** Calls waiting for a slot. */
  readonly queued: number;
  /**
   * Calls that timed out or were cancelled but whose tool ignored its AbortSignal and is still
   * running. They keep their slot until it ends: a tool that cannot be stopped still cannot put
   * more than `limit` runs on the integration. A number that stays up points to such a tool.
   */
  readonly abandoned: number;
}

export function createIntegration(
  name: string,
  settings: IntegrationSettings,
  onCircuitChange: ((change: CircuitChange) => void) | undefined,
): Integration {
  // Failed and timed-out attempts count; a cancellation by the caller says nothing about the
  // integration's health, so it does not count while the circuit is closed. A half-open trial
  // that the caller cancels proved nothing either: it counts as failed and the circuit stays
  // open for another period (cockatiel would otherwise take any unhandled error of a trial as a
  // success and close the circuit).
  const breaker: CircuitBreakerPolicy = circuitBreaker(
    handleWhen(
      (error) =>
        isAttemptFailure(error) ||
        (error instanceof ToolCancelledError && breaker.state === CircuitState.HalfOpen),
    ),
    {
      halfOpenAfter: settings.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(settings.consecutiveFailures),
    },
  );
  const listeners: IDisposable[] = [];
  const integration: Integration = {
    name,
    settings,
    breaker,
    bulkhead: bulkhead(settings.limit, settings.queue),
    listeners,
    openedAt: undefined,
    abandoned: 0,
  };
  listeners.push(
    breaker.onStateChange((state) => {
      if (state === CircuitState.Open) integration.openedAt = Date.now();
      if (onCircuitChange === undefined) return;
      try {
        onCircuitChange({ integration: name, state: STATE_NAMES[state] });
      } catch {
        // A failing observer must not change the outcome of a tool call.
      }
    }),
  );
  return integration;
}

const STATE_NAMES: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  // Held open by hand: to callers it is open.
  [CircuitState.Isolated]: 'open',
};

/**
 * The circuit as a caller sees it. cockatiel moves an open circuit to half-open only when the next
 * call arrives; once the period has passed we already report 'half-open' (the next call is the
 * trial), and while it has not, how long is left.
 */
export function circuitOf(integration: Integration): {
  state: CircuitStateName;
  retryAfterMs: number | undefined;
} {
  const state = integration.breaker.state;
  if (state !== CircuitState.Open) return { state: STATE_NAMES[state], retryAfterMs: undefined };
  if (integration.openedAt === undefined) return { state: 'open', retryAfterMs: undefined };
  const left = integration.openedAt + integration.settings.halfOpenAfterMs - Date.now();
  return left > 0 ? { state: 'open', retryAfterMs: left } : { state: 'half-open', retryAfterMs: undefined };
}

export function statsOf(integration: Integration): IntegrationStats {
  const { bulkhead: b, settings } = integration;
  return {
    integration: integration.name,
    state: circuitOf(integration).state,
    // cockatiel reports free slots.
    running: settings.limit - b.executionSlots,
    queued: settings.queue - b.queueSlots,
    abandoned: integration.abandoned,
  };
}

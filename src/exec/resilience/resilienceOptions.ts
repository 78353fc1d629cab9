import { z } from 'zod';
import { invalidOptionsFromZod } from '../../errors/index.js';

/** Defaults of every integration unless overridden. */
export const RESILIENCE_DEFAULTS = {
  breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
  bulkhead: { limit: 16, queue: 64 },
} as const;

const breakerSchema = z.strictObject({
  /** Failed attempts in a row (thrown errors and timeouts) that open the circuit. */
  consecutiveFailures: z.number().int().min(1).max(1000).optional(),
  /** How long an open circuit fails fast before it lets one trial call through. */
  halfOpenAfterMs: z
    .number()
    .int()
    .min(1)
    .max(24 * 3_600_000)
    .optional(),
});

const bulkheadSchema = z.strictObject({
  /** Calls running at once against the integration. */
  limit: z.number().int().min(1).max(10_000).optional(),
  /** Calls waiting for a slot; beyond this they are refused with ERR_BULKHEAD_FULL. */
  queue: z.number().int().min(0).max(100_000).optional(),
});

export type CircuitStateName = 'closed' | 'open' | 'half-open';

/** A change of an integration's circuit, e.g. to write a risk event when it opens. */
export interface CircuitChange {
  readonly integration: string;
  readonly state: CircuitStateName;
}

const isFunction = (v: unknown) => typeof v === 'function';

const resilienceOptionsSchema = z.strictObject({
  breaker: breakerSchema.optional(),
  bulkhead: bulkheadSchema.optional(),
  /** Settings for single integrations by name, over the settings above. */
  integrations: z
    .record(
      z.string().min(1).max(128),
      z.strictObject({ breaker: breakerSchema.optional(), bulkhead: bulkheadSchema.optional() }),
    )
    .optional(),
  /** Source of jitter in [0, 1); Math.random unless given (tests pass a fixed one). */
  random: z.custom<() => number>(isFunction, 'must be a function').optional(),
  /** Told when a circuit opens, half-opens or closes. Errors it throws are ignored. */
  onCircuitChange: z.custom<(change: CircuitChange) => void>(isFunction, 'must be a function').optional(),
});

export type ResilienceOptions = z.input<typeof resilienceOptionsSchema>;

export interface IntegrationSettings {
  readonly consecutiveFailures: number;
  readonly halfOpenAfterMs: number;
  readonly limit: number;
  readonly queue: number;
}

export interface ResolvedResilienceOptions {
  readonly settingsFor: (integration: string) => IntegrationSettings;
  readonly random: () => number;
  readonly onCircuitChange: ((change: CircuitChange) => void) | undefined;
}

/** Validates the options (ERR_INVALID_OPTIONS naming the key) and resolves per-integration settings. */
export function resolveResilienceOptions(options: unknown): ResolvedResilienceOptions {
  const parsed = resilienceOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  const o = parsed.data;
  const overrides = new Map(Object.entries(o.integrations ?? {}));
  return {
    settingsFor(integration) {
      const own = overrides.get(integration);
      return {
        consecutiveFailures:
          own?.breaker?.consecutiveFailures ??
          o.breaker?.consecutiveFailures ??
          RESILIENCE_DEFAULTS.breaker.consecutiveFailures,
        halfOpenAfterMs:
          own?.breaker?.halfOpenAfterMs ??
          o.breaker?.halfOpenAfterMs ??
          RESILIENCE_DEFAULTS.breaker.halfOpenAfterMs,
        limit: own?.bulkhead?.limit ?? o.bulkhead?.limit ?? RESILIENCE_DEFAULTS.bulkhead.limit,
        queue: own?.bulkhead?.queue ?? o.bulkhead?.queue ?? RESILIENCE_DEFAULTS.bulkhead.queue,
      };
    },
    random: o.random ?? Math.random,
    onCircuitChange: o.onCircuitChange,
  };
}

import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { MaestroError } from '../../errors/index.js';

/** Requests per window for each tenant and for each principal, and in-flight requests per tenant. */
export interface LimitSettings {
  readonly perTenant: { readonly points: number; readonly durationSec: number };
  readonly perPrincipal: { readonly points: number; readonly durationSec: number };
  /** In-flight requests of one tenant in this process. */
  readonly concurrencyPerTenant: number;
}

export const DEFAULT_LIMITS: LimitSettings = Object.freeze({
  perTenant: { points: 6000, durationSec: 60 },
  perPrincipal: { points: 1200, durationSec: 60 },
  concurrencyPerTenant: 256,
});

/** ERR_RATE_LIMITED with how long to wait (for Retry-After) and which limit it was. */
export class RateLimitedError extends MaestroError {
  readonly retryAfterSec: number;
  readonly limit: 'tenant' | 'principal' | 'concurrency';
  constructor(limit: 'tenant' | 'principal' | 'concurrency', retryAfterMs: number) {
    super('ERR_RATE_LIMITED', {
      message:
        limit === 'concurrency'
          ? 'Too many requests of this tenant are in flight; retry shortly.'
          : `The ${limit} request rate limit is reached; retry after ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`,
    });
    this.name = 'RateLimitedError';
    this.limit = limit;
    this.retryAfterSec = Math.max(1, Math.ceil(retryAfterMs / 1000));
  }
}

export interface RateLimits {
  /** Charges one request; throws RateLimitedError when a limit is reached. Returns a release for the concurrency slot. */
  admit(tenantId: string, principal: string): Promise<() => void>;
  /** Whether the limits are shared through Redis. */
  readonly shared: boolean;
  close(): Promise<void>;
}

interface Limiter {
  consume(key: string): Promise<unknown>;
}

/**
 * Per-tenant and per-principal rate limits with rate-limiter-flexible: in memory for one process,
 * in Redis (MAESTRO_REDIS_URL) so that several replicas share them. If Redis fails, an in-memory
 * limiter with the same limits takes over (the limits still hold, per process) until it is back.
 * The concurrency cap is per process.
 */
export function createRateLimits(
  settings: LimitSettings,
  options: { readonly redisUrl?: string; readonly keyPrefix?: string } = {},
): RateLimits {
  const prefix = options.keyPrefix ?? 'maestro:rl';
  let redis: Redis | undefined;
  const make = (name: string, spec: { points: number; durationSec: number }): Limiter => {
    const memory = new RateLimiterMemory({
      keyPrefix: `${prefix}:${name}`,
      points: spec.points,
      duration: spec.durationSec,
    });
    if (redis === undefined) return memory;
    return new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:${name}`,
      points: spec.points,
      duration: spec.durationSec,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
  };
  if (options.redisUrl !== undefined && options.redisUrl !== '') {
    // Commands fail fast while disconnected, so the insurance limiter answers instead of a queue.
    redis = new Redis(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
    });
    redis.on('error', () => undefined);
  }
  const tenant = make('tenant', settings.perTenant);
  const principal = make('principal', settings.perPrincipal);
  const inFlight = new Map<string, number>();

  async function charge(limiter: Limiter, key: string, which: 'tenant' | 'principal'): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw new RateLimitedError(which, rejection.msBeforeNext);
      // Both the store and the insurance limiter failed: refuse (fail closed).
      throw new MaestroError('ERR_RATE_LIMITED', {
        message: 'The rate limiter is unavailable; retry shortly.',
        cause: rejection,
      });
    }
  }

  return {
    shared: redis !== undefined,
    async admit(tenantId, who) {
      const current = inFlight.get(tenantId) ?? 0;
      if (current >= settings.concurrencyPerTenant) throw new RateLimitedError('concurrency', 1000);
      await charge(tenant, tenantId, 'tenant');
      // JSON keeps the two parts apart whatever characters they hold.
      await charge(principal, JSON.stringify([tenantId, who]), 'principal');
      inFlight.set(tenantId, (inFlight.get(tenantId) ?? 0) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (inFlight.get(tenantId) ?? 1) - 1;
        if (left <= 0) inFlight.delete(tenantId);
        else inFlight.set(tenantId, left);
      };
    },
    async close() {
      if (redis !== undefined) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}

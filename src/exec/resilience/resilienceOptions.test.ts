import { describe, expect, it } from 'vitest';
import type { ResilientCall } from './callPolicies.js';
import { createResilience } from './resilience.js';
import { RESILIENCE_DEFAULTS, resolveResilienceOptions } from './resilienceOptions.js';

const base: ResilientCall = { tool: 't', integration: 'i', timeoutMs: 100, idempotent: true };

describe('resilience options', () => {
  it('default to 5 failures, 30 s half-open, 16 running and 64 queued per integration', () => {
    expect(resolveResilienceOptions(undefined).settingsFor('any')).toEqual({
      consecutiveFailures: 5,
      halfOpenAfterMs: 30_000,
      limit: 16,
      queue: 64,
    });
    expect(RESILIENCE_DEFAULTS.bulkhead.limit).toBe(16);
  });

  it('layer per-integration overrides over the defaults field by field', () => {
    const o = resolveResilienceOptions({
      bulkhead: { limit: 4 },
      integrations: { bank: { bulkhead: { queue: 0 }, breaker: { halfOpenAfterMs: 5 } } },
    });
    expect(o.settingsFor('bank')).toEqual({ consecutiveFailures: 5, halfOpenAfterMs: 5, limit: 4, queue: 0 });
    expect(o.settingsFor('crm')).toEqual({
      consecutiveFailures: 5,
      halfOpenAfterMs: 30_000,
      limit: 4,
      queue: 64,
    });
  });

  it('refuse bad options with ERR_INVALID_OPTIONS naming the key', () => {
    for (const [options, path] of [
      [{ breaker: { consecutiveFailures: 0 } }, ['breaker', 'consecutiveFailures']],
      [{ bulkhead: { limit: 1.5 } }, ['bulkhead', 'limit']],
      [{ bulkhead: { queue: -1 } }, ['bulkhead', 'queue']],
      [
        { integrations: { x: { breaker: { halfOpenAfterMs: 0 } } } },
        ['integrations', 'x', 'breaker', 'halfOpenAfterMs'],
      ],
      [{ random: 0.5 }, ['random']],
      [{ retries: 3 }, []],
    ] as const) {
      expect(() => createResilience(options as never)).toThrowError(
        expect.objectContaining({ code: 'ERR_INVALID_OPTIONS', path: [...path] }),
      );
    }
  });

  it('refuse a malformed call with ERR_INVALID_OPTIONS without running it', async () => {
    const resilience = createResilience();
    let calls = 0;
    const fn = async () => {
      calls++;
    };
    for (const bad of [
      { ...base, timeoutMs: 0 },
      { ...base, timeoutMs: Number.NaN },
      { ...base, retry: { maxAttempts: 0, initialDelayMs: 1, maxDelayMs: 1 } },
      { ...base, retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 5 } },
      { ...base, tool: '' },
      { ...base, integration: '' },
    ]) {
      await expect(resilience.run(bad, fn)).rejects.toMatchObject({ code: 'ERR_INVALID_OPTIONS' });
    }
    expect(calls).toBe(0);
    // A retry spec on a call that is not idempotent is ignored, not refused.
    await resilience.run(
      { ...base, idempotent: false, retry: { maxAttempts: 0, initialDelayMs: 1, maxDelayMs: 1 } },
      fn,
    );
    expect(calls).toBe(1);
  });
});

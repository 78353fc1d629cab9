import { describe, expect, expectTypeOf, it } from 'vitest';
import type { GrantBudget } from '../../identity/index.js';
import { type Budget, parseBudget, parseTenantBudget } from './budget.js';
import { createBudgetTracker } from './budgetTracker.js';

describe('budget validation', () => {
  it('accepts each limit alone, all together, or none', () => {
    expect(parseBudget({})).toEqual({});
    expect(parseBudget({ maxSteps: 10, maxToolCalls: 5, maxWallMs: 60_000, maxCost: 2.5 })).toEqual({
      maxSteps: 10,
      maxToolCalls: 5,
      maxWallMs: 60_000,
      maxCost: 2.5,
    });
    expect(parseBudget({ maxCost: 0 })).toEqual({ maxCost: 0 });
  });

  it('refuses a bad budget with ERR_INVALID_OPTIONS naming the key, never the value', () => {
    const tracker = createBudgetTracker();
    for (const [budget, key] of [
      [{ maxSteps: 0 }, 'maxSteps'],
      [{ maxSteps: 2.5 }, 'maxSteps'],
      [{ maxToolCalls: -1 }, 'maxToolCalls'],
      [{ maxWallMs: Number.POSITIVE_INFINITY }, 'maxWallMs'],
      [{ maxCost: Number.NaN }, 'maxCost'],
      [{ maxCost: -0.5 }, 'maxCost'],
      [{ maxSteps: '3' }, 'maxSteps'],
    ] as const) {
      expect(() => tracker.startTask({ taskId: 'x', tenantId: 't', budget: budget as never })).toThrowError(
        expect.objectContaining({ code: 'ERR_INVALID_OPTIONS', path: [key] }),
      );
    }
    expect(() =>
      tracker.startTask({ taskId: 'x', tenantId: 't', budget: { maxTokens: 5 } as never }),
    ).toThrowError(expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }));
    expect(() => tracker.startTask({ taskId: 'x', tenantId: 't', budget: null as never })).toThrowError(
      expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }),
    );
  });

  it('needs a window for a tenant budget', () => {
    expect(parseTenantBudget({ windowMs: 60_000, maxCost: 100 })).toEqual({ windowMs: 60_000, maxCost: 100 });
    expect(() => parseTenantBudget({ maxCost: 100 })).toThrowError(
      expect.objectContaining({ code: 'ERR_INVALID_OPTIONS', path: ['windowMs'] }),
    );
    expect(() => parseTenantBudget({ windowMs: 0 })).toThrowError(
      expect.objectContaining({ code: 'ERR_INVALID_OPTIONS', path: ['windowMs'] }),
    );
  });

  it('refuses ids and options that are not what they should be', () => {
    expect(() => createBudgetTracker({ clock: 5 as never })).toThrowError(
      expect.objectContaining({ code: 'ERR_INVALID_OPTIONS', path: ['clock'] }),
    );
    const tracker = createBudgetTracker();
    expect(() => tracker.startTask({ taskId: '', tenantId: 't', budget: {} })).toThrowError(
      expect.objectContaining({ code: 'ERR_INVALID_OPTIONS', path: ['taskId'] }),
    );
    expect(() => tracker.startTask({ taskId: 'x', tenantId: 'x'.repeat(257), budget: {} })).toThrowError(
      expect.objectContaining({ code: 'ERR_INVALID_OPTIONS', path: ['tenantId'] }),
    );
  });

  it('takes a delegation grant’s budget as a task budget', () => {
    expectTypeOf<GrantBudget>().toExtend<Budget>();
    expectTypeOf<Budget>().toExtend<GrantBudget>();
  });
});

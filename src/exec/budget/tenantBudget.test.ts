import { describe, expect, it } from 'vitest';
import type { Budget } from './budget.js';
import { BudgetExceededError } from './budgetErrors.js';
import { type BudgetExceededInfo, createBudgetTracker } from './budgetTracker.js';

const MINUTE = 60_000;

function fakeClock(start = 100 * MINUTE) {
  let now = start;
  return Object.assign(() => now, {
    advance: (ms: number) => {
      now += ms;
    },
  });
}

function attempt(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof BudgetExceededError) return `${error.scope}:${error.limit}`;
    return (error as { code?: string }).code ?? 'foreign';
  }
}

/** A tracker where tenant 'acme' has `budget` per one-minute window and 'globex' has none. */
function setup(budget: Budget) {
  const clock = fakeClock();
  const exceeded: BudgetExceededInfo[] = [];
  const tracker = createBudgetTracker({
    clock,
    tenants: (tenantId) => (tenantId === 'acme' ? { windowMs: MINUTE, ...budget } : undefined),
    onExceeded: (info) => exceeded.push(info),
  });
  const start = (taskId: string, tenantId = 'acme', own: Budget = {}) =>
    tracker.startTask({ taskId, tenantId, budget: own });
  return { clock, exceeded, tracker, start };
}

describe('tenant budgets', () => {
  it('steps: shared by all the tenant’s tasks in a window', () => {
    const { start, exceeded } = setup({ maxSteps: 3 });
    const a = start('a');
    const b = start('b');
    a.step();
    b.step();
    a.step();
    expect(a.remaining().steps).toBe(0);
    expect(attempt(() => b.step())).toBe('tenant:steps');
    expect(b.ended).toBe(true);
    expect(a.ended).toBe(false);
    expect(exceeded.map((e) => e.taskId)).toEqual(['b']);
    expect(exceeded[0]?.error).toMatchObject({ scope: 'tenant', limit: 'steps', max: 3, used: 3 });
  });

  it('tool calls: reservations of every task count', () => {
    const { start } = setup({ maxToolCalls: 3 });
    const a = start('a');
    const b = start('b');
    a.reserveToolCall(1).commit();
    const inFlight = b.reserveToolCall(1);
    a.reserveToolCall(1);
    expect(attempt(() => b.reserveToolCall(1))).toBe('tenant:toolCalls');
    inFlight.release();
    expect(attempt(() => a.reserveToolCall(1))).toBe('ok');
  });

  it('cost: the sum over the tenant’s tasks, reservations included', () => {
    const { start } = setup({ maxCost: 10 });
    const a = start('a', 'acme', { maxCost: 100 });
    const b = start('b');
    a.reserveToolCall(7).commit();
    expect(a.remaining().cost).toBe(3);
    expect(attempt(() => b.reserveToolCall(4))).toBe('tenant:cost');
    expect(attempt(() => a.reserveToolCall(3))).toBe('ok');
  });

  it('cost over-run on commit ends the committing task at tenant scope', () => {
    const { start, exceeded } = setup({ maxCost: 10 });
    const a = start('a');
    a.reserveToolCall(5).commit(12);
    expect(a.exceeded).toMatchObject({ scope: 'tenant', limit: 'cost', max: 10, used: 12 });
    expect(exceeded).toHaveLength(1);
    // The tenant is past its limit: even a call that costs nothing is refused until the next window.
    expect(attempt(() => start('b').reserveToolCall(0))).toBe('tenant:cost');
  });

  it('wall clock: the time of the tenant’s open tasks added up', () => {
    const { start, clock, tracker } = setup({ maxWallMs: 50_000 });
    const a = start('a');
    const b = start('b');
    clock.advance(20_000);
    expect(tracker.tenantUsage('acme')?.taskTimeMs).toBe(40_000);
    b.end();
    clock.advance(5_000);
    // a: 25 s, b: 20 s (ended).
    expect(a.remaining().wallMs).toBe(5_000);
    clock.advance(5_000);
    expect(attempt(() => a.checkTime())).toBe('tenant:wallMs');
    expect(a.exceeded).toMatchObject({ max: 50_000, used: 50_000 });
    expect(attempt(() => start('c').step())).toBe('tenant:wallMs');
  });

  it('a task with its own wall-clock limit stops counting for the tenant when its time is up', () => {
    const { start, clock, tracker } = setup({ maxWallMs: 50_000 });
    start('a', 'acme', { maxWallMs: 10_000 });
    clock.advance(30_000);
    expect(tracker.tenantUsage('acme')?.taskTimeMs).toBe(10_000);
  });

  it('a new window restores the tenant budget; reservations still open carry over', () => {
    const { start, clock, tracker } = setup({ maxToolCalls: 2, maxCost: 10 });
    const a = start('a');
    a.reserveToolCall(4).commit();
    const running = a.reserveToolCall(5);
    expect(attempt(() => start('b').reserveToolCall(1))).toBe('tenant:toolCalls');
    clock.advance(MINUTE);
    expect(tracker.tenantUsage('acme')).toMatchObject({
      windowStart: 101 * MINUTE,
      toolCalls: 0,
      cost: 0,
      reservedToolCalls: 1,
      reservedCost: 5,
    });
    const c = start('c');
    expect(attempt(() => c.reserveToolCall(6))).toBe('tenant:cost');
    const d = start('d');
    d.reserveToolCall(5).commit();
    running.commit(5);
    // The carried call is charged to the window it finished in.
    expect(tracker.tenantUsage('acme')).toMatchObject({ toolCalls: 2, cost: 10, reservedToolCalls: 0 });
  });

  it('windows are aligned to multiples of windowMs since the epoch', () => {
    const { start, clock, tracker } = setup({ maxSteps: 1 });
    clock.advance(MINUTE - 1);
    start('a').step();
    expect(tracker.tenantUsage('acme')?.windowStart).toBe(100 * MINUTE);
    clock.advance(1);
    expect(attempt(() => start('b').step())).toBe('ok');
    expect(tracker.tenantUsage('acme')?.windowStart).toBe(101 * MINUTE);
  });

  it('tenants do not share budgets; a tenant without one is limited only by its tasks', () => {
    const { start } = setup({ maxToolCalls: 1 });
    start('a').reserveToolCall(1);
    expect(attempt(() => start('b').reserveToolCall(1))).toBe('tenant:toolCalls');
    const other = start('g', 'globex', { maxToolCalls: 2 });
    expect([attempt(() => other.reserveToolCall(1)), attempt(() => other.reserveToolCall(1))]).toEqual([
      'ok',
      'ok',
    ]);
    expect(attempt(() => other.reserveToolCall(1))).toBe('task:toolCalls');
  });

  it('the tighter of task and tenant decides; remaining() reports the smaller', () => {
    const { start } = setup({ maxToolCalls: 5, maxSteps: 2 });
    const task = start('a', 'acme', { maxToolCalls: 2, maxSteps: 10 });
    expect(task.remaining()).toMatchObject({ toolCalls: 2, steps: 2 });
    task.reserveToolCall(1).commit();
    task.reserveToolCall(1).commit();
    expect(attempt(() => task.reserveToolCall(1))).toBe('task:toolCalls');
    const next = start('b', 'acme', { maxSteps: 10 });
    next.step();
    next.step();
    expect(attempt(() => next.step())).toBe('tenant:steps');
  });

  it('a bad tenant budget is ERR_INVALID_OPTIONS at startTask, and never stops a running call from settling', () => {
    let broken = false;
    const tracker = createBudgetTracker({
      tenants: () => (broken ? ({ maxSteps: 0 } as never) : { windowMs: MINUTE, maxToolCalls: 5 }),
    });
    const task = tracker.startTask({ taskId: 'a', tenantId: 'acme', budget: {} });
    const reservation = task.reserveToolCall(1);
    broken = true;
    expect(() => tracker.startTask({ taskId: 'b', tenantId: 'acme', budget: {} })).toThrowError(
      expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }),
    );
    expect(attempt(() => task.step())).toBe('ERR_INVALID_OPTIONS');
    expect(() => reservation.commit()).not.toThrow();
    expect(() => task.end()).not.toThrow();
    expect(task.usage().toolCalls).toBe(1);
  });

  it('forgets a tenant without a budget once its last task ended', () => {
    const { start, tracker } = setup({});
    const task = start('g', 'globex');
    expect(tracker.tenantUsage('globex')?.openTasks).toBe(1);
    task.end();
    expect(tracker.tenantUsage('globex')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { BudgetExceededError, TaskEndedError } from './budgetErrors.js';
import { type BudgetExceededInfo, createBudgetTracker } from './budgetTracker.js';

function fakeClock(start = 1_700_000_000_000) {
  let now = start;
  return Object.assign(() => now, {
    advance: (ms: number) => {
      now += ms;
    },
  });
}

/** 'ok', or `scope:limit` of the BudgetExceededError thrown, or the code of another error. */
function attempt(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof BudgetExceededError) return `${error.scope}:${error.limit}`;
    return (error as { code?: string }).code ?? 'foreign';
  }
}

function setup() {
  const clock = fakeClock();
  const exceeded: BudgetExceededInfo[] = [];
  const tracker = createBudgetTracker({ clock, onExceeded: (info) => exceeded.push(info) });
  return { clock, exceeded, tracker };
}

describe('task budgets', () => {
  it('steps: allows maxSteps turns, then ends the task', () => {
    const { tracker, exceeded } = setup();
    const task = tracker.startTask({ taskId: 's', tenantId: 't', budget: { maxSteps: 2 } });
    expect([attempt(() => task.step()), attempt(() => task.step())]).toEqual(['ok', 'ok']);
    expect(task.remaining().steps).toBe(0);
    expect(attempt(() => task.step())).toBe('task:steps');
    expect(task.ended).toBe(true);
    expect(task.exceeded).toMatchObject({
      code: 'ERR_BUDGET_EXCEEDED',
      limit: 'steps',
      scope: 'task',
      max: 2,
      used: 2,
    });
    expect(exceeded).toEqual([{ taskId: 's', tenantId: 't', error: task.exceeded }]);
  });

  it('tool calls: counts reservations, so concurrent calls cannot overshoot', () => {
    const { tracker } = setup();
    const task = tracker.startTask({ taskId: 'c', tenantId: 't', budget: { maxToolCalls: 2 } });
    const a = task.reserveToolCall(1);
    const b = task.reserveToolCall(1);
    // Both still running: a third is refused although nothing has been committed yet.
    expect(attempt(() => task.reserveToolCall(1))).toBe('task:toolCalls');
    expect(task.exceeded).toMatchObject({ max: 2, used: 2 });
    a.commit();
    b.commit();
    expect(task.usage()).toMatchObject({ toolCalls: 2, reservedToolCalls: 0 });
  });

  it('cost: refuses a call whose reserved cost would pass maxCost', () => {
    const { tracker } = setup();
    const task = tracker.startTask({ taskId: 'k', tenantId: 't', budget: { maxCost: 10 } });
    task.reserveToolCall(6).commit(4);
    task.reserveToolCall(6).commit();
    expect(task.remaining().cost).toBe(0);
    expect(attempt(() => task.reserveToolCall(0))).toBe('ok');
    expect(attempt(() => task.reserveToolCall(1))).toBe('task:cost');
    expect(task.exceeded).toMatchObject({ limit: 'cost', max: 10, used: 10 });
  });

  it('wall clock: measured from startTask with the injected clock; checked by every call', () => {
    const { tracker, clock } = setup();
    const task = tracker.startTask({ taskId: 'w', tenantId: 't', budget: { maxWallMs: 1000 } });
    clock.advance(999);
    expect(attempt(() => task.checkTime())).toBe('ok');
    expect(task.remaining().wallMs).toBe(1);
    clock.advance(1);
    expect(attempt(() => task.checkTime())).toBe('task:wallMs');
    expect(task.exceeded).toMatchObject({ max: 1000, used: 1000 });
    const other = tracker.startTask({ taskId: 'w2', tenantId: 't', budget: { maxWallMs: 50 } });
    clock.advance(60);
    expect(attempt(() => other.step())).toBe('task:wallMs');
    const third = tracker.startTask({ taskId: 'w3', tenantId: 't', budget: { maxWallMs: 50 } });
    clock.advance(60);
    expect(attempt(() => third.reserveToolCall(1))).toBe('task:wallMs');
  });

  it('an ended task stays ended: every later call throws the same error, and onExceeded ran once', () => {
    const { tracker, exceeded, clock } = setup();
    const task = tracker.startTask({
      taskId: 'e',
      tenantId: 't',
      budget: { maxToolCalls: 1, maxSteps: 100 },
    });
    task.reserveToolCall(1).commit();
    expect(attempt(() => task.reserveToolCall(1))).toBe('task:toolCalls');
    clock.advance(10);
    for (const call of [() => task.step(), () => task.reserveToolCall(0), () => task.checkTime()]) {
      expect(attempt(call)).toBe('task:toolCalls');
    }
    const again = (() => {
      try {
        task.step();
      } catch (error) {
        return error;
      }
    })();
    expect(again).toMatchObject({ limit: 'toolCalls', scope: 'task', max: 1, used: 1 });
    expect(task.remaining()).toEqual({ steps: 0, toolCalls: 0, cost: 0, wallMs: 0 });
    task.end();
    expect(attempt(() => task.step())).toBe('task:toolCalls');
    expect(exceeded).toHaveLength(1);
    // Its wall clock stopped when it ended.
    expect(task.usage().wallMs).toBe(0);
  });

  it('end() ends a task without a risk event; later spending throws TaskEndedError', () => {
    const { tracker, exceeded } = setup();
    const task = tracker.startTask({ taskId: 'x', tenantId: 't', budget: {} });
    task.step();
    task.end();
    task.end();
    expect(task.ended).toBe(true);
    expect(task.exceeded).toBeUndefined();
    expect(() => task.step()).toThrow(TaskEndedError);
    expect(attempt(() => task.reserveToolCall(1))).toBe('ERR_BUDGET_EXCEEDED');
    expect(exceeded).toEqual([]);
  });

  it('release returns the reserved budget; settling twice does nothing', () => {
    const { tracker } = setup();
    const task = tracker.startTask({ taskId: 'r', tenantId: 't', budget: { maxToolCalls: 2, maxCost: 10 } });
    const first = task.reserveToolCall(8);
    expect(task.remaining()).toMatchObject({ toolCalls: 1, cost: 2 });
    expect(task.usage()).toMatchObject({ toolCalls: 0, cost: 0, reservedToolCalls: 1, reservedCost: 8 });
    first.release();
    first.commit();
    first.release();
    expect(task.remaining()).toMatchObject({ toolCalls: 2, cost: 10 });
    expect(task.usage()).toMatchObject({ toolCalls: 0, cost: 0, reservedToolCalls: 0, reservedCost: 0 });
    const second = task.reserveToolCall(8);
    expect(second.cost).toBe(8);
    second.commit(3);
    second.commit(100);
    expect(task.usage()).toMatchObject({ toolCalls: 1, cost: 3 });
  });

  it('commit charges the actual cost; an over-run is charged in full and ends the task without throwing', () => {
    const { tracker, exceeded } = setup();
    const task = tracker.startTask({ taskId: 'o', tenantId: 't', budget: { maxCost: 10 } });
    const reservation = task.reserveToolCall(2);
    expect(() => reservation.commit(15)).not.toThrow();
    expect(task.usage().cost).toBe(15);
    expect(task.ended).toBe(true);
    expect(task.exceeded).toMatchObject({ limit: 'cost', scope: 'task', max: 10, used: 15 });
    expect(exceeded).toHaveLength(1);
    // A commit with no usable figure charges what was reserved.
    const other = tracker.startTask({ taskId: 'o2', tenantId: 't', budget: {} });
    other.reserveToolCall(4).commit(Number.NaN);
    other.reserveToolCall(4).commit(-1);
    expect(other.usage().cost).toBe(8);
  });

  it('a call settled after its task ended is still charged', () => {
    const { tracker } = setup();
    const task = tracker.startTask({ taskId: 'l', tenantId: 't', budget: {} });
    const reservation = task.reserveToolCall(3);
    task.end();
    reservation.commit();
    expect(task.usage()).toMatchObject({ toolCalls: 1, cost: 3, reservedToolCalls: 0 });
  });

  it('refuses a cost that is not a finite number from 0, without ending the task', () => {
    const { tracker } = setup();
    const task = tracker.startTask({ taskId: 'n', tenantId: 't', budget: { maxCost: 5 } });
    for (const cost of [Number.NaN, -1, Number.POSITIVE_INFINITY, '2' as never]) {
      expect(attempt(() => task.reserveToolCall(cost))).toBe('ERR_INVALID_OPTIONS');
    }
    expect(task.ended).toBe(false);
  });

  it('remaining() is null where nothing is limited', () => {
    const { tracker } = setup();
    const task = tracker.startTask({ taskId: 'u', tenantId: 't', budget: { maxSteps: 3 } });
    task.step();
    expect(task.remaining()).toEqual({ steps: 2, toolCalls: null, cost: null, wallMs: null });
  });

  it('an onExceeded that throws does not keep the task alive', () => {
    const tracker = createBudgetTracker({
      onExceeded: () => {
        throw new Error('ledger down');
      },
    });
    const task = tracker.startTask({ taskId: 'z', tenantId: 't', budget: { maxSteps: 1 } });
    task.step();
    expect(attempt(() => task.step())).toBe('task:steps');
    expect(task.ended).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MaestroError } from '../../errors/index.js';
import { BudgetExceededError } from './budgetExceededError.js';
import { type BudgetExceededInfo, createBudgetTracker } from './budgetTracker.js';

function clockAt(start = 1_000_000) {
  let now = start;
  return Object.assign(() => now, { advance: (ms: number) => (now += ms) });
}

function limitOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return error instanceof BudgetExceededError ? `${error.scope}:${error.limit}` : 'other';
  }
}

describe('budgets', () => {
  it('end a task at each task limit, once, and keep it ended', () => {
    const clock = clockAt();
    const exceeded: BudgetExceededInfo[] = [];
    const tracker = createBudgetTracker({ clock, onExceeded: (info) => exceeded.push(info) });
    const steps = tracker.startTask({ taskId: 's', tenantId: 't', budget: { maxSteps: 2 } });
    expect([limitOf(() => steps.step()), limitOf(() => steps.step()), limitOf(() => steps.step())]).toEqual([
      'ok',
      'ok',
      'task:steps',
    ]);
    expect(limitOf(() => steps.reserveToolCall(1))).toBe('task:steps');
    expect(steps.ended).toBe(true);

    const calls = tracker.startTask({ taskId: 'c', tenantId: 't', budget: { maxToolCalls: 1 } });
    calls.reserveToolCall(1).commit();
    expect(limitOf(() => calls.reserveToolCall(1))).toBe('task:toolCalls');

    const cost = tracker.startTask({ taskId: 'k', tenantId: 't', budget: { maxCost: 10 } });
    cost.reserveToolCall(6).commit(4);
    cost.reserveToolCall(6).commit();
    expect(limitOf(() => cost.reserveToolCall(1))).toBe('task:cost');

    const wall = tracker.startTask({ taskId: 'w', tenantId: 't', budget: { maxWallMs: 1000 } });
    clock.advance(1001);
    expect(limitOf(() => wall.checkTime())).toBe('task:wallMs');
    expect(exceeded.map((e) => `${e.taskId}:${e.error.limit}`)).toEqual([
      's:steps',
      'c:toolCalls',
      'k:cost',
      'w:wallMs',
    ]);
  });

  it('share a tenant budget across tasks in fixed windows', () => {
    const clock = clockAt();
    const tracker = createBudgetTracker({
      clock,
      tenants: (tenantId) => (tenantId === 'acme' ? { windowMs: 60_000, maxToolCalls: 3 } : undefined),
    });
    const a = tracker.startTask({ taskId: 'a', tenantId: 'acme', budget: {} });
    const b = tracker.startTask({ taskId: 'b', tenantId: 'acme', budget: {} });
    a.reserveToolCall(1).commit();
    b.reserveToolCall(1).commit();
    a.reserveToolCall(1).commit();
    expect(limitOf(() => b.reserveToolCall(1))).toBe('tenant:toolCalls');
    expect(b.ended).toBe(true);
    const other = tracker.startTask({ taskId: 'o', tenantId: 'globex', budget: {} });
    expect(limitOf(() => other.reserveToolCall(1))).toBe('ok');
    clock.advance(60_000);
    const c = tracker.startTask({ taskId: 'c', tenantId: 'acme', budget: {} });
    expect(limitOf(() => c.reserveToolCall(1))).toBe('ok');
  });

  it('return a released reservation and charge the actual cost of a committed one', () => {
    const tracker = createBudgetTracker();
    const task = tracker.startTask({ taskId: 'r', tenantId: 't', budget: { maxToolCalls: 2, maxCost: 10 } });
    const first = task.reserveToolCall(8);
    expect(task.remaining()).toMatchObject({ toolCalls: 1, cost: 2 });
    first.release();
    first.commit(); // settled once only
    expect(task.remaining()).toMatchObject({ toolCalls: 2, cost: 10 });
    task.reserveToolCall(8).commit(3);
    expect(task.usage()).toMatchObject({ toolCalls: 1, cost: 3 });
  });

  it('refuse invalid budgets with ERR_INVALID_OPTIONS', () => {
    const tracker = createBudgetTracker();
    for (const budget of [
      { maxSteps: 0 },
      { maxToolCalls: 1.5 },
      { maxCost: -1 },
      { maxWallMs: Number.POSITIVE_INFINITY },
      { other: 1 },
    ]) {
      expect(() => tracker.startTask({ taskId: 'x', tenantId: 't', budget: budget as never })).toThrowError(
        expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }),
      );
    }
    const task = tracker.startTask({ taskId: 'y', tenantId: 't', budget: {} });
    expect(() => task.reserveToolCall(Number.NaN)).toThrow(MaestroError);
  });

  it('property: committed plus reserved use never exceeds a limit, and a reservation is refused exactly when it would', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('reserve' as const),
        task: fc.integer({ min: 0, max: 2 }),
        cost: fc.integer({ min: 0, max: 5 }),
      }),
      fc.record({
        kind: fc.constant('commit' as const),
        index: fc.nat(),
        actual: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
      }),
      fc.record({ kind: fc.constant('release' as const), index: fc.nat() }),
    );
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 20 }),
        (ops, maxCalls, maxCost) => {
          const tracker = createBudgetTracker({
            tenants: () => ({ windowMs: 60_000, maxToolCalls: maxCalls, maxCost }),
          });
          const tasks = [0, 1, 2].map((i) =>
            tracker.startTask({ taskId: `t${i}`, tenantId: 'acme', budget: {} }),
          );
          const open: Array<{
            reservation: { commit(a?: number): void; release(): void };
            cost: number;
            settled: boolean;
          }> = [];
          let usedCalls = 0;
          let usedCost = 0;
          let reservedCalls = 0;
          let reservedCost = 0;
          for (const o of ops) {
            if (o.kind === 'reserve') {
              const task = tasks[o.task];
              if (task === undefined || task.ended) continue;
              const fits =
                usedCalls + reservedCalls + 1 <= maxCalls && usedCost + reservedCost + o.cost <= maxCost;
              const result = limitOf(() =>
                open.push({ reservation: task.reserveToolCall(o.cost), cost: o.cost, settled: false }),
              );
              expect(result === 'ok').toBe(fits);
              if (fits) {
                reservedCalls++;
                reservedCost += o.cost;
              }
            } else if (open.length > 0) {
              const entry = open[o.index % open.length];
              if (entry === undefined || entry.settled) continue;
              entry.settled = true;
              reservedCalls--;
              reservedCost -= entry.cost;
              if (o.kind === 'commit') {
                const charged = o.actual ?? entry.cost;
                entry.reservation.commit(o.actual);
                usedCalls++;
                usedCost += charged;
              } else entry.reservation.release();
            }
            expect(usedCalls + reservedCalls).toBeLessThanOrEqual(maxCalls);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

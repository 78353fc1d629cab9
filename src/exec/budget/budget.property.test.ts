import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Budget } from './budget.js';
import { BudgetExceededError } from './budgetErrors.js';
import { createBudgetTracker } from './budgetTracker.js';
import type { Reservation } from './taskBudget.js';

const WINDOW_MS = 60_000;
const TASKS = 3;

const op = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('reserve' as const), task: fc.nat(TASKS - 1), cost: fc.nat(5) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('commit' as const),
      pick: fc.nat(),
      // The actual cost, at most what was reserved; undefined charges the reservation.
      actual: fc.option(fc.nat(), { nil: undefined }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('step' as const), task: fc.nat(TASKS - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.nat(40_000) }) },
);

const limits = fc.record(
  {
    maxSteps: fc.integer({ min: 1, max: 10 }),
    maxToolCalls: fc.integer({ min: 1, max: 8 }),
    maxCost: fc.nat(20),
  },
  { requiredKeys: [] },
);

interface Use {
  steps: number;
  calls: number;
  cost: number;
  reservedCalls: number;
  reservedCost: number;
}
const zero = (): Use => ({ steps: 0, calls: 0, cost: 0, reservedCalls: 0, reservedCost: 0 });

/** The first limit a reservation of `cost` would pass, in the order the tracker checks them. */
function refusal(task: Use, own: Budget, tenant: Use, shared: Budget, cost: number): string | undefined {
  const over = (max: number | undefined, value: number) => max !== undefined && value > max;
  if (over(own.maxToolCalls, task.calls + task.reservedCalls + 1)) return 'task:toolCalls';
  if (over(own.maxCost, task.cost + task.reservedCost + cost)) return 'task:cost';
  if (over(shared.maxToolCalls, tenant.calls + tenant.reservedCalls + 1)) return 'tenant:toolCalls';
  if (over(shared.maxCost, tenant.cost + tenant.reservedCost + cost)) return 'tenant:cost';
  return undefined;
}

function outcome(fn: () => void): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof BudgetExceededError) return `${error.scope}:${error.limit}`;
    throw error;
  }
}

function withinLimits(use: Use, budget: Budget): void {
  if (budget.maxToolCalls !== undefined)
    expect(use.calls + use.reservedCalls).toBeLessThanOrEqual(budget.maxToolCalls);
  if (budget.maxCost !== undefined) expect(use.cost + use.reservedCost).toBeLessThanOrEqual(budget.maxCost);
  if (budget.maxSteps !== undefined) expect(use.steps).toBeLessThanOrEqual(budget.maxSteps);
}

describe('budgets: property', () => {
  it('across several tasks of one tenant, committed plus reserved never passes a limit, and a reservation is refused exactly when it would', () => {
    fc.assert(
      fc.property(
        limits,
        fc.array(limits, { minLength: TASKS, maxLength: TASKS }),
        fc.array(op, { maxLength: 80 }),
        (shared, own, ops) => {
          let now = 10 * WINDOW_MS;
          const tracker = createBudgetTracker({
            clock: () => now,
            tenants: () => ({ windowMs: WINDOW_MS, ...shared }),
          });
          const tasks = own.map((budget, i) =>
            tracker.startTask({ taskId: `t${i}`, tenantId: 'acme', budget }),
          );
          // The model.
          const model = own.map(() => ({ use: zero(), ended: undefined as string | undefined }));
          let tenant = zero();
          let windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
          const roll = () => {
            const start = Math.floor(now / WINDOW_MS) * WINDOW_MS;
            if (start > windowStart) {
              windowStart = start;
              tenant = { ...zero(), reservedCalls: tenant.reservedCalls, reservedCost: tenant.reservedCost };
            }
          };
          const open: Array<{ reservation: Reservation; task: number; cost: number; settled: boolean }> = [];

          for (const o of ops) {
            roll();
            if (o.kind === 'tick') {
              now += o.ms;
              continue;
            }
            if (o.kind === 'reserve' || o.kind === 'step') {
              const m = model[o.task]!;
              const task = tasks[o.task]!;
              const expected =
                m.ended ??
                (o.kind === 'reserve'
                  ? refusal(m.use, own[o.task]!, tenant, shared, o.cost)
                  : own[o.task]!.maxSteps !== undefined && m.use.steps + 1 > own[o.task]!.maxSteps!
                    ? 'task:steps'
                    : shared.maxSteps !== undefined && tenant.steps + 1 > shared.maxSteps
                      ? 'tenant:steps'
                      : undefined) ??
                'ok';
              const actual = outcome(() => {
                if (o.kind === 'step') task.step();
                else
                  open.push({
                    reservation: task.reserveToolCall(o.cost),
                    task: o.task,
                    cost: o.cost,
                    settled: false,
                  });
              });
              expect(actual).toBe(expected);
              if (actual !== 'ok') {
                m.ended = actual;
                expect(task.ended).toBe(true);
              } else if (o.kind === 'step') {
                m.use.steps++;
                tenant.steps++;
              } else {
                m.use.reservedCalls++;
                m.use.reservedCost += o.cost;
                tenant.reservedCalls++;
                tenant.reservedCost += o.cost;
              }
            } else if (open.length > 0) {
              const entry = open[o.pick % open.length]!;
              const m = model[entry.task]!;
              if (!entry.settled) {
                entry.settled = true;
                m.use.reservedCalls--;
                m.use.reservedCost -= entry.cost;
                tenant.reservedCalls--;
                tenant.reservedCost -= entry.cost;
                if (o.kind === 'commit') {
                  const charged = o.actual === undefined ? entry.cost : o.actual % (entry.cost + 1);
                  entry.reservation.commit(o.actual === undefined ? undefined : charged);
                  m.use.calls++;
                  m.use.cost += charged;
                  tenant.calls++;
                  tenant.cost += charged;
                } else {
                  entry.reservation.release();
                }
              } else if (o.kind === 'commit') {
                entry.reservation.commit(o.actual);
              } else {
                entry.reservation.release();
              }
            }

            // Invariants: the model's use stays within every limit, and the tracker agrees with it.
            withinLimits(tenant, shared);
            model.forEach((m, i) => {
              withinLimits(m.use, own[i]!);
              expect(tasks[i]!.usage()).toMatchObject({
                steps: m.use.steps,
                toolCalls: m.use.calls,
                cost: m.use.cost,
                reservedToolCalls: m.use.reservedCalls,
                reservedCost: m.use.reservedCost,
              });
              expect(tasks[i]!.ended).toBe(m.ended !== undefined);
            });
            expect(tracker.tenantUsage('acme')).toMatchObject({
              windowStart,
              steps: tenant.steps,
              toolCalls: tenant.calls,
              cost: tenant.cost,
              reservedToolCalls: tenant.reservedCalls,
              reservedCost: tenant.reservedCost,
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

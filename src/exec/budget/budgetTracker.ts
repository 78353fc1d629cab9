import { InvalidOptionsError } from '../../errors/index.js';
import { type Budget, parseBudget, parseTenantBudget, type TenantBudget } from './budget.js';
import { BudgetExceededError, type BudgetLimit, type BudgetScope } from './budgetExceededError.js';

/** A charge made before a tool call: commit it once the call ran, release it if it never started. */
export interface Reservation {
  commit(actualCost?: number): void;
  release(): void;
}

export interface BudgetUsage {
  readonly steps: number;
  readonly toolCalls: number;
  readonly cost: number;
  readonly wallMs: number;
}

/** What is left in each dimension; null where there is no limit. */
export interface BudgetRemaining {
  readonly steps: number | null;
  readonly toolCalls: number | null;
  readonly cost: number | null;
  readonly wallMs: number | null;
}

export interface TaskBudget {
  readonly taskId: string;
  readonly tenantId: string;
  /** Counts one turn of the agent loop. */
  step(): void;
  /** Reserves one tool call of `cost` units (task and tenant), or throws and ends the task. */
  reserveToolCall(cost: number): Reservation;
  checkTime(): void;
  remaining(): BudgetRemaining;
  usage(): BudgetUsage;
  end(): void;
  readonly ended: boolean;
}

export interface BudgetExceededInfo {
  readonly taskId: string;
  readonly tenantId: string;
  readonly error: BudgetExceededError;
}

export interface BudgetTrackerOptions {
  /** Epoch milliseconds; a fake clock in tests. */
  readonly clock?: () => number;
  /** A tenant's budget per fixed window, shared by all its tasks; undefined: none. */
  readonly tenants?: (tenantId: string) => (Budget & { windowMs: number }) | undefined;
  /** Called once for each task a budget ends (to write a risk event). */
  readonly onExceeded?: (info: BudgetExceededInfo) => void;
}

export interface BudgetTracker {
  startTask(spec: {
    readonly taskId: string;
    readonly tenantId: string;
    readonly budget: Budget;
  }): TaskBudget;
}

interface Counters {
  steps: number;
  toolCalls: number;
  cost: number;
  reservedCalls: number;
  reservedCost: number;
}

interface TenantWindow extends Counters {
  start: number;
}

const zero = (): Counters => ({ steps: 0, toolCalls: 0, cost: 0, reservedCalls: 0, reservedCost: 0 });

/**
 * Task and tenant budgets (layer 5, C22). Calls reserve before they run, so concurrent calls of
 * one task or tenant can never together overshoot a limit. Tenant windows are fixed windows of
 * `windowMs`, kept in this process's memory: with several replicas each enforces its own share.
 */
export function createBudgetTracker(options: BudgetTrackerOptions = {}): BudgetTracker {
  const clock = options.clock ?? Date.now;
  const windows = new Map<string, TenantWindow>();

  function tenantWindow(tenantId: string, budget: TenantBudget, now: number): TenantWindow {
    let window = windows.get(tenantId);
    if (window === undefined || now >= window.start + budget.windowMs) {
      // Reservations still open carry over, so a call running across the boundary stays counted.
      const carried = window === undefined ? { reservedCalls: 0, reservedCost: 0 } : window;
      window = {
        ...zero(),
        reservedCalls: carried.reservedCalls,
        reservedCost: carried.reservedCost,
        start: now,
      };
      windows.set(tenantId, window);
    }
    return window;
  }

  function tenantBudgetOf(tenantId: string): TenantBudget | undefined {
    const raw = options.tenants?.(tenantId);
    return raw === undefined ? undefined : parseTenantBudget(raw);
  }

  return {
    startTask(spec) {
      if (
        typeof spec.taskId !== 'string' ||
        spec.taskId === '' ||
        typeof spec.tenantId !== 'string' ||
        spec.tenantId === ''
      ) {
        throw new InvalidOptionsError('A task needs a taskId and a tenantId.');
      }
      const budget = parseBudget(spec.budget);
      const started = clock();
      const task: Counters = zero();
      let endedBy: BudgetExceededError | undefined;

      function end(error: BudgetExceededError): never {
        if (endedBy === undefined) {
          endedBy = error;
          if (error.limit !== 'ended')
            options.onExceeded?.({ taskId: spec.taskId, tenantId: spec.tenantId, error });
        }
        throw error;
      }

      function exceeded(limit: BudgetLimit, scope: BudgetScope, max: number, used: number): never {
        return end(new BudgetExceededError(limit, scope, max, used));
      }

      function live(): void {
        if (endedBy !== undefined) {
          throw new BudgetExceededError(endedBy.limit, endedBy.scope, endedBy.max, endedBy.used);
        }
        const elapsed = clock() - started;
        if (budget.maxWallMs !== undefined && elapsed > budget.maxWallMs)
          exceeded('wallMs', 'task', budget.maxWallMs, elapsed);
      }

      return {
        taskId: spec.taskId,
        tenantId: spec.tenantId,
        step() {
          live();
          if (budget.maxSteps !== undefined && task.steps + 1 > budget.maxSteps) {
            exceeded('steps', 'task', budget.maxSteps, task.steps);
          }
          const tenant = tenantBudgetOf(spec.tenantId);
          if (tenant !== undefined) {
            const window = tenantWindow(spec.tenantId, tenant, clock());
            if (tenant.maxSteps !== undefined && window.steps + 1 > tenant.maxSteps) {
              exceeded('steps', 'tenant', tenant.maxSteps, window.steps);
            }
            window.steps++;
          }
          task.steps++;
        },
        reserveToolCall(cost) {
          if (!Number.isFinite(cost) || cost < 0)
            throw new InvalidOptionsError('A tool call costs a finite number ≥ 0.');
          live();
          if (
            budget.maxToolCalls !== undefined &&
            task.toolCalls + task.reservedCalls + 1 > budget.maxToolCalls
          ) {
            exceeded('toolCalls', 'task', budget.maxToolCalls, task.toolCalls + task.reservedCalls);
          }
          if (budget.maxCost !== undefined && task.cost + task.reservedCost + cost > budget.maxCost) {
            exceeded('cost', 'task', budget.maxCost, task.cost + task.reservedCost);
          }
          const tenant = tenantBudgetOf(spec.tenantId);
          const window = tenant === undefined ? undefined : tenantWindow(spec.tenantId, tenant, clock());
          if (tenant !== undefined && window !== undefined) {
            if (
              tenant.maxToolCalls !== undefined &&
              window.toolCalls + window.reservedCalls + 1 > tenant.maxToolCalls
            ) {
              exceeded('toolCalls', 'tenant', tenant.maxToolCalls, window.toolCalls + window.reservedCalls);
            }
            if (tenant.maxCost !== undefined && window.cost + window.reservedCost + cost > tenant.maxCost) {
              exceeded('cost', 'tenant', tenant.maxCost, window.cost + window.reservedCost);
            }
          }
          task.reservedCalls++;
          task.reservedCost += cost;
          if (window !== undefined) {
            window.reservedCalls++;
            window.reservedCost += cost;
          }
          let open = true;
          const settle = (charged: number | undefined) => {
            if (!open) return;
            open = false;
            task.reservedCalls--;
            task.reservedCost -= cost;
            // The window may have rolled over since: take the reservation from the current one.
            const current = windows.get(spec.tenantId);
            if (window !== undefined && current !== undefined) {
              current.reservedCalls = Math.max(0, current.reservedCalls - 1);
              current.reservedCost = Math.max(0, current.reservedCost - cost);
              if (charged !== undefined) {
                current.toolCalls++;
                current.cost += charged;
              }
            }
            if (charged !== undefined) {
              task.toolCalls++;
              task.cost += charged;
            }
          };
          return {
            commit: (actualCost?: number) =>
              settle(
                actualCost === undefined || !Number.isFinite(actualCost) ? cost : Math.max(0, actualCost),
              ),
            release: () => settle(undefined),
          };
        },
        checkTime: live,
        remaining() {
          const left = (max: number | undefined, used: number) =>
            max === undefined ? null : Math.max(0, max - used);
          return {
            steps: left(budget.maxSteps, task.steps),
            toolCalls: left(budget.maxToolCalls, task.toolCalls + task.reservedCalls),
            cost: left(budget.maxCost, task.cost + task.reservedCost),
            wallMs: left(budget.maxWallMs, clock() - started),
          };
        },
        usage: () => ({
          steps: task.steps,
          toolCalls: task.toolCalls,
          cost: task.cost,
          wallMs: clock() - started,
        }),
        end() {
          endedBy ??= new BudgetExceededError('ended', 'task', 0, 0);
        },
        get ended() {
          return endedBy !== undefined;
        },
      };
    },
  };
}

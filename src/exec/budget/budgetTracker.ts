import { InvalidOptionsError } from '../../errors/index.js';
import { type Budget, parseBudget, parseTenantBudget, type TenantBudget } from './budget.js';
import type { BudgetExceededError } from './budgetErrors.js';
import { createTaskBudget, type TaskBudget } from './taskBudget.js';
import { newTenantWindow, rollWindow, type TenantWindow, taskTimeMs } from './tenantWindow.js';

export interface BudgetExceededInfo {
  readonly taskId: string;
  readonly tenantId: string;
  readonly error: BudgetExceededError;
}

export interface BudgetTrackerOptions {
  /** Epoch milliseconds; Date.now unless given (a fake clock in tests). */
  readonly clock?: () => number;
  /**
   * A tenant's budget per fixed window, shared by all its tasks; undefined for none. Asked on
   * every check, so a change applies at once; an invalid budget throws ERR_INVALID_OPTIONS.
   */
  readonly tenants?: (tenantId: string) => (Budget & { windowMs: number }) | undefined;
  /** Called exactly once for each task a budget ends (the executor writes a risk event). Errors it throws are ignored. */
  readonly onExceeded?: (info: BudgetExceededInfo) => void;
}

/** A tenant's use in its current window. */
export interface TenantUsage {
  readonly windowStart: number;
  readonly steps: number;
  readonly toolCalls: number;
  readonly cost: number;
  /** Wall-clock time of the tenant's tasks in this window, added up. */
  readonly taskTimeMs: number;
  readonly reservedToolCalls: number;
  readonly reservedCost: number;
  readonly openTasks: number;
}

export interface BudgetTracker {
  /** Starts a task's budget; its wall clock runs from now. ERR_INVALID_OPTIONS for a bad budget. */
  startTask(spec: {
    readonly taskId: string;
    readonly tenantId: string;
    readonly budget: Budget;
  }): TaskBudget;
  /** The tenant's use in its current window; undefined for a tenant with nothing to report. */
  tenantUsage(tenantId: string): TenantUsage | undefined;
}

const MAX_ID = 256;

/**
 * Task and tenant budgets (layer 5, control C22): agent-loop steps, tool calls, wall-clock time
 * and cost units. Tool calls reserve before they run, so concurrent calls of one task or one
 * tenant can never together overshoot a limit.
 *
 * Tenant budgets are fixed windows of `windowMs` across all the tenant's tasks, kept in this
 * process's memory: they are not shared between processes (with several replicas each enforces
 * the whole budget on its own) and they start empty after a restart. End tasks with `end()`:
 * an open task keeps counting against its tenant's task time (up to its own wall-clock limit).
 */
export function createBudgetTracker(options: BudgetTrackerOptions = {}): BudgetTracker {
  for (const key of ['clock', 'tenants', 'onExceeded'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') {
      throw new InvalidOptionsError(`Invalid option ${key}: expected a function.`, [key]);
    }
  }
  const clock = options.clock ?? Date.now;
  const windows = new Map<string, TenantWindow>();

  function tenantBudgetOf(tenantId: string): TenantBudget | undefined {
    const raw = options.tenants?.(tenantId);
    return raw === undefined ? undefined : parseTenantBudget(raw);
  }

  function tenantAt(tenantId: string, now: number) {
    let window = windows.get(tenantId);
    if (window === undefined) {
      window = newTenantWindow();
      windows.set(tenantId, window);
    }
    const budget = tenantBudgetOf(tenantId);
    if (budget !== undefined) rollWindow(window, budget.windowMs, now);
    return { budget, window };
  }

  function tenantLenient(tenantId: string, now: number) {
    try {
      return tenantAt(tenantId, now);
    } catch {
      // A broken tenants() callback must not stop a call that ran from being settled.
      let window = windows.get(tenantId);
      if (window === undefined) {
        window = newTenantWindow();
        windows.set(tenantId, window);
      }
      return { budget: undefined, window };
    }
  }

  /** Forgets a tenant with no budget, no open task and no call in flight: nothing to enforce. */
  function prune(tenantId: string): void {
    const window = windows.get(tenantId);
    if (window === undefined || window.open.size > 0 || window.reservedCalls > 0) return;
    let budget: TenantBudget | undefined;
    try {
      budget = tenantBudgetOf(tenantId);
    } catch {
      return;
    }
    if (budget === undefined) windows.delete(tenantId);
  }

  return {
    startTask(spec) {
      const { taskId, tenantId } = spec;
      if (typeof taskId !== 'string' || taskId === '' || taskId.length > MAX_ID) {
        throw new InvalidOptionsError('A task needs a taskId of 1 to 256 characters.', ['taskId']);
      }
      if (typeof tenantId !== 'string' || tenantId === '' || tenantId.length > MAX_ID) {
        throw new InvalidOptionsError('A task needs a tenantId of 1 to 256 characters.', ['tenantId']);
      }
      const budget = parseBudget(spec.budget);
      return createTaskBudget({
        taskId,
        tenantId,
        budget,
        clock,
        tenant: (now) => tenantAt(tenantId, now),
        tenantLenient: (now) => tenantLenient(tenantId, now),
        onExceeded(error) {
          try {
            options.onExceeded?.({ taskId, tenantId, error });
          } catch {
            // The task is ended either way; a failing observer must not change that.
          }
        },
        onEnd: () => prune(tenantId),
      });
    },
    tenantUsage(tenantId) {
      if (!windows.has(tenantId)) return undefined;
      const now = clock();
      const { window } = tenantLenient(tenantId, now);
      return {
        windowStart: window.start,
        steps: window.steps,
        toolCalls: window.toolCalls,
        cost: window.cost,
        taskTimeMs: taskTimeMs(window, now),
        reservedToolCalls: window.reservedCalls,
        reservedCost: window.reservedCost,
        openTasks: window.open.size,
      };
    },
  };
}

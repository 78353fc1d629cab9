import { InvalidOptionsError } from '../../errors/index.js';
import type { Budget, TenantBudget } from './budget.js';
import { BudgetExceededError, type BudgetLimit, type BudgetScope, TaskEndedError } from './budgetErrors.js';
import {
  closeTask,
  type OpenTask,
  settleReservation,
  type TenantWindow,
  taskTimeMs,
} from './tenantWindow.js';

/**
 * A tool call's charge, made before the call starts so that concurrent calls cannot together
 * overshoot a limit. Settle it once: `commit` when the call ran (with its actual cost, the
 * reserved cost by default), `release` when it never started. Later settlements do nothing.
 */
export interface Reservation {
  /** The cost reserved. */
  readonly cost: number;
  commit(actualCost?: number): void;
  release(): void;
}

/** What a task has used: committed calls and cost, and what is reserved for calls in flight. */
export interface BudgetUsage {
  readonly steps: number;
  readonly toolCalls: number;
  readonly cost: number;
  /** Wall-clock time from `startTask` (to the end, once ended). */
  readonly wallMs: number;
  readonly reservedToolCalls: number;
  readonly reservedCost: number;
}

/**
 * What is left in each dimension: the smaller of the task's and its tenant's, counting open
 * reservations as used; null where neither has a limit; 0 everywhere once the task has ended.
 */
export interface BudgetRemaining {
  readonly steps: number | null;
  readonly toolCalls: number | null;
  readonly cost: number | null;
  readonly wallMs: number | null;
}

/**
 * One task's budget. Every method that spends (`step`, `reserveToolCall`, `checkTime`) first
 * checks the wall clock; exceeding any limit of the task or of its tenant throws
 * BudgetExceededError and ends the task, and every later call throws it again.
 */
export interface TaskBudget {
  readonly taskId: string;
  readonly tenantId: string;
  readonly budget: Readonly<Budget>;
  /** Counts one turn of the agent loop. */
  step(): void;
  /** Reserves one tool call of `cost` units (≥ 0) against the task and the tenant. */
  reserveToolCall(cost: number): Reservation;
  /** Throws (and ends the task) if the task's or the tenant's time is up. */
  checkTime(): void;
  remaining(): BudgetRemaining;
  usage(): BudgetUsage;
  /** Ends the task (it stops counting against the tenant's time); later spending throws TaskEndedError. */
  end(): void;
  readonly ended: boolean;
  /** The error that ended the task, if a budget ended it. */
  readonly exceeded: BudgetExceededError | undefined;
}

/** The tenant's budget now (undefined: none) and its window, moved to the window holding `now`. */
export type TenantLookup = (now: number) => { budget: TenantBudget | undefined; window: TenantWindow };

export interface TaskBudgetDeps {
  readonly taskId: string;
  readonly tenantId: string;
  readonly budget: Budget;
  readonly clock: () => number;
  readonly tenant: TenantLookup;
  /** Like `tenant` but never throws (a broken tenants() callback): for settling calls that ran. */
  readonly tenantLenient: TenantLookup;
  /** Called once when a budget ends the task. */
  readonly onExceeded: (error: BudgetExceededError) => void;
  /** Called once when the task ends, for whatever reason. */
  readonly onEnd: () => void;
}

const MAX_CALL_COST = 1e12;

interface Counters {
  steps: number;
  toolCalls: number;
  cost: number;
  reservedCalls: number;
  reservedCost: number;
}

export function createTaskBudget(deps: TaskBudgetDeps): TaskBudget {
  const { budget, clock, taskId } = deps;
  const startedAt = clock();
  const me: OpenTask = {
    startedAt,
    stopsAt: budget.maxWallMs === undefined ? Number.POSITIVE_INFINITY : startedAt + budget.maxWallMs,
  };
  deps.tenant(startedAt).window.open.add(me);
  const used: Counters = { steps: 0, toolCalls: 0, cost: 0, reservedCalls: 0, reservedCost: 0 };
  let endedAt: number | undefined;
  let exceeded: BudgetExceededError | undefined;

  function finish(now: number, window: TenantWindow): void {
    if (endedAt !== undefined) return;
    endedAt = Math.max(startedAt, now);
    closeTask(window, me, now);
    deps.onEnd();
  }

  function endBy(
    limit: BudgetLimit,
    scope: BudgetScope,
    max: number,
    usedNow: number,
    now: number,
    window: TenantWindow,
  ): BudgetExceededError {
    const error = new BudgetExceededError(limit, scope, max, usedNow);
    exceeded = error;
    finish(now, window);
    deps.onExceeded(error);
    return error;
  }

  /** Refuses on an ended task and checks the wall clock of the task and the tenant. */
  function live(now: number): { budget: TenantBudget | undefined; window: TenantWindow } {
    if (endedAt !== undefined) {
      if (exceeded === undefined) throw new TaskEndedError(taskId);
      throw new BudgetExceededError(exceeded.limit, exceeded.scope, exceeded.max, exceeded.used);
    }
    const tenant = deps.tenant(now);
    const elapsed = Math.max(0, now - startedAt);
    if (budget.maxWallMs !== undefined && elapsed >= budget.maxWallMs) {
      throw endBy('wallMs', 'task', budget.maxWallMs, elapsed, now, tenant.window);
    }
    const tenantWall = tenant.budget?.maxWallMs;
    if (tenantWall !== undefined) {
      const spent = taskTimeMs(tenant.window, now);
      if (spent >= tenantWall) throw endBy('wallMs', 'tenant', tenantWall, spent, now, tenant.window);
    }
    return tenant;
  }

  function reserveToolCall(cost: number): Reservation {
    if (typeof cost !== 'number' || !Number.isFinite(cost) || cost < 0 || cost > MAX_CALL_COST) {
      throw new InvalidOptionsError('A tool call costs a finite number of units from 0.', ['cost']);
    }
    const now = clock();
    const { budget: tenant, window } = live(now);
    const refuse = (limit: BudgetLimit, scope: BudgetScope, max: number, usedNow: number) =>
      endBy(limit, scope, max, usedNow, now, window);
    const taskCalls = used.toolCalls + used.reservedCalls;
    const taskCost = used.cost + used.reservedCost;
    if (budget.maxToolCalls !== undefined && taskCalls + 1 > budget.maxToolCalls) {
      throw refuse('toolCalls', 'task', budget.maxToolCalls, taskCalls);
    }
    if (budget.maxCost !== undefined && taskCost + cost > budget.maxCost) {
      throw refuse('cost', 'task', budget.maxCost, taskCost);
    }
    const tenantCalls = window.toolCalls + window.reservedCalls;
    const tenantCost = window.cost + window.reservedCost;
    if (tenant?.maxToolCalls !== undefined && tenantCalls + 1 > tenant.maxToolCalls) {
      throw refuse('toolCalls', 'tenant', tenant.maxToolCalls, tenantCalls);
    }
    if (tenant?.maxCost !== undefined && tenantCost + cost > tenant.maxCost) {
      throw refuse('cost', 'tenant', tenant.maxCost, tenantCost);
    }
    used.reservedCalls++;
    used.reservedCost += cost;
    window.reservedCalls++;
    window.reservedCost += cost;

    let settled = false;
    const settle = (charged: number | undefined) => {
      if (settled) return;
      settled = true;
      const at = clock();
      // The window may have moved on since: the reservation carried over into the current one.
      const current = deps.tenantLenient(at);
      used.reservedCalls--;
      used.reservedCost = used.reservedCalls === 0 ? 0 : Math.max(0, used.reservedCost - cost);
      settleReservation(current.window, cost, charged);
      if (charged === undefined) return;
      used.toolCalls++;
      used.cost += charged;
      // A call that cost more than it reserved is charged in full (it ran). If that takes the task
      // or tenant past its limit, the task ends here; nothing is thrown, the call's result stands.
      if (endedAt !== undefined || charged <= cost) return;
      const spent = used.cost + used.reservedCost;
      if (budget.maxCost !== undefined && spent > budget.maxCost) {
        endBy('cost', 'task', budget.maxCost, spent, at, current.window);
        return;
      }
      const tenantMax = current.budget?.maxCost;
      const tenantSpent = current.window.cost + current.window.reservedCost;
      if (tenantMax !== undefined && tenantSpent > tenantMax) {
        endBy('cost', 'tenant', tenantMax, tenantSpent, at, current.window);
      }
    };
    return {
      cost,
      commit: (actualCost?: number) =>
        settle(
          typeof actualCost === 'number' && Number.isFinite(actualCost) && actualCost >= 0
            ? actualCost
            : cost,
        ),
      release: () => settle(undefined),
    };
  }

  return {
    taskId,
    tenantId: deps.tenantId,
    budget,
    step() {
      const now = clock();
      const { budget: tenant, window } = live(now);
      if (budget.maxSteps !== undefined && used.steps + 1 > budget.maxSteps) {
        throw endBy('steps', 'task', budget.maxSteps, used.steps, now, window);
      }
      if (tenant?.maxSteps !== undefined && window.steps + 1 > tenant.maxSteps) {
        throw endBy('steps', 'tenant', tenant.maxSteps, window.steps, now, window);
      }
      used.steps++;
      window.steps++;
    },
    reserveToolCall,
    checkTime() {
      live(clock());
    },
    remaining() {
      if (endedAt !== undefined) return { steps: 0, toolCalls: 0, cost: 0, wallMs: 0 };
      const now = clock();
      const { budget: tenant, window } = deps.tenant(now);
      return {
        steps: least(budget.maxSteps, used.steps, tenant?.maxSteps, window.steps),
        toolCalls: least(
          budget.maxToolCalls,
          used.toolCalls + used.reservedCalls,
          tenant?.maxToolCalls,
          window.toolCalls + window.reservedCalls,
        ),
        cost: least(
          budget.maxCost,
          used.cost + used.reservedCost,
          tenant?.maxCost,
          window.cost + window.reservedCost,
        ),
        wallMs: least(
          budget.maxWallMs,
          Math.max(0, now - startedAt),
          tenant?.maxWallMs,
          taskTimeMs(window, now),
        ),
      };
    },
    usage() {
      return {
        steps: used.steps,
        toolCalls: used.toolCalls,
        cost: used.cost,
        wallMs: Math.max(0, (endedAt ?? clock()) - startedAt),
        reservedToolCalls: used.reservedCalls,
        reservedCost: used.reservedCost,
      };
    },
    end() {
      if (endedAt !== undefined) return;
      const now = clock();
      finish(now, deps.tenantLenient(now).window);
    },
    get ended() {
      return endedAt !== undefined;
    },
    get exceeded() {
      return exceeded;
    },
  };
}

/** The smaller of two remainders, either of which may be unlimited. */
function least(
  taskMax: number | undefined,
  taskUsed: number,
  tenantMax: number | undefined,
  tenantUsed: number,
): number | null {
  const a = taskMax === undefined ? undefined : Math.max(0, taskMax - taskUsed);
  const b = tenantMax === undefined ? undefined : Math.max(0, tenantMax - tenantUsed);
  if (a === undefined) return b ?? null;
  return b === undefined ? a : Math.min(a, b);
}

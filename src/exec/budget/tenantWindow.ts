/** A task as its tenant's wall-clock accounting sees it. */
export interface OpenTask {
  readonly startedAt: number;
  /** When the task's own wall-clock limit runs out (Infinity without one): it stops counting then. */
  readonly stopsAt: number;
}

/**
 * One tenant's use in its current fixed window. Committed use resets when a new window starts;
 * reservations still open carry over (their calls are still running), and open tasks count their
 * time from the window's start.
 */
export interface TenantWindow {
  /** Start of the current window; -Infinity until the tenant has a budget. */
  start: number;
  steps: number;
  toolCalls: number;
  cost: number;
  reservedCalls: number;
  reservedCost: number;
  /** Wall-clock time of the tasks that ended in this window. */
  endedTaskMs: number;
  readonly open: Set<OpenTask>;
}

export function newTenantWindow(): TenantWindow {
  return {
    start: Number.NEGATIVE_INFINITY,
    steps: 0,
    toolCalls: 0,
    cost: 0,
    reservedCalls: 0,
    reservedCost: 0,
    endedTaskMs: 0,
    open: new Set(),
  };
}

/** Moves to the window holding `now` (windows start at multiples of `windowMs` since the epoch). */
export function rollWindow(window: TenantWindow, windowMs: number, now: number): void {
  const start = Math.floor(now / windowMs) * windowMs;
  if (start <= window.start) return;
  window.start = start;
  window.steps = 0;
  window.toolCalls = 0;
  window.cost = 0;
  window.endedTaskMs = 0;
}

/** The part of a task's life in [from, to]. */
function overlapMs(task: OpenTask, from: number, to: number): number {
  return Math.max(0, Math.min(to, task.stopsAt) - Math.max(from, task.startedAt));
}

/** Task time used in this window: ended tasks plus the open ones so far. */
export function taskTimeMs(window: TenantWindow, now: number): number {
  let total = window.endedTaskMs;
  for (const task of window.open) total += overlapMs(task, window.start, now);
  return total;
}

/** The task stops counting: its time in this window moves to the ended total. */
export function closeTask(window: TenantWindow, task: OpenTask, now: number): void {
  if (!window.open.delete(task)) return;
  window.endedTaskMs += overlapMs(task, window.start, now);
}

/** Takes a settled reservation off the window, charging `charged` if the call ran. */
export function settleReservation(window: TenantWindow, cost: number, charged: number | undefined): void {
  window.reservedCalls = Math.max(0, window.reservedCalls - 1);
  // Exactly zero when none is left, so floating-point remainders cannot pile up.
  window.reservedCost = window.reservedCalls === 0 ? 0 : Math.max(0, window.reservedCost - cost);
  if (charged !== undefined) {
    window.toolCalls++;
    window.cost += charged;
  }
}

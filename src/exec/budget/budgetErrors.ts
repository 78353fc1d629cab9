import { MaestroError } from '../../errors/index.js';

/** The dimension of a budget: agent-loop steps, tool calls, wall-clock time, cost units. */
export type BudgetLimit = 'steps' | 'toolCalls' | 'wallMs' | 'cost';
/** Whose budget ran out: the task's own, or its tenant's for the current window. */
export type BudgetScope = 'task' | 'tenant';

/**
 * ERR_BUDGET_EXCEEDED: a limit of the task or of its tenant ran out and the task was ended. Every
 * later call on the task throws this error again (same limit, scope, max and used).
 */
export class BudgetExceededError extends MaestroError {
  readonly limit: BudgetLimit;
  readonly scope: BudgetScope;
  readonly max: number;
  /** What was used (committed plus reserved) when the limit was hit. */
  readonly used: number;

  constructor(limit: BudgetLimit, scope: BudgetScope, max: number, used: number) {
    super('ERR_BUDGET_EXCEEDED', {
      message: `The ${scope} budget of ${limit} is exhausted (${used} of ${max}); the task was ended.`,
    });
    this.name = 'BudgetExceededError';
    this.limit = limit;
    this.scope = scope;
    this.max = max;
    this.used = used;
  }
}

/** ERR_BUDGET_EXCEEDED for a task ended with `end()`: it takes no more steps or calls. */
export class TaskEndedError extends MaestroError {
  readonly taskId: string;

  constructor(taskId: string) {
    super('ERR_BUDGET_EXCEEDED', { message: 'The task has ended; start a new task.' });
    this.name = 'TaskEndedError';
    this.taskId = taskId;
  }
}

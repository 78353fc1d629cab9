import { MaestroError } from '../../errors/index.js';

export type BudgetLimit = 'steps' | 'toolCalls' | 'wallMs' | 'cost' | 'ended';
export type BudgetScope = 'task' | 'tenant';

/** ERR_BUDGET_EXCEEDED: which limit of which scope ran out; the task is over. */
export class BudgetExceededError extends MaestroError {
  readonly limit: BudgetLimit;
  readonly scope: BudgetScope;
  readonly max: number;
  readonly used: number;

  constructor(limit: BudgetLimit, scope: BudgetScope, max: number, used: number) {
    super('ERR_BUDGET_EXCEEDED', {
      message:
        limit === 'ended'
          ? 'The task has ended; start a new task.'
          : `The ${scope} budget of ${limit} is exhausted (${used} of ${max}); the task was ended.`,
    });
    this.name = 'BudgetExceededError';
    this.limit = limit;
    this.scope = scope;
    this.max = max;
    this.used = used;
  }
}

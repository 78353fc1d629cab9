import { MaestroError } from '../errors/index.js';
import { formatProblem, type PolicyProblem } from './problems.js';

/** Shown in the message; the full list is on `problems`. */
const LISTED = 50;

/**
 * The policy set cannot be used: a file does not parse, a policy does not validate against the
 * schema, an annotation is wrong. The engine refuses to start rather than run with part of a set.
 */
export class PolicyInvalidError extends MaestroError {
  readonly problems: readonly PolicyProblem[];

  constructor(problems: readonly PolicyProblem[]) {
    const errors = problems.filter((problem) => problem.severity === 'error');
    const lines = errors.slice(0, LISTED).map((problem) => `  ${formatProblem(problem)}`);
    if (errors.length > LISTED) lines.push(`  … and ${errors.length - LISTED} more`);
    super('ERR_POLICY_INVALID', {
      message: `The policy set is not valid (${errors.length} ${errors.length === 1 ? 'error' : 'errors'}):\n${lines.join('\n')}`,
    });
    this.name = 'PolicyInvalidError';
    this.problems = problems;
  }
}

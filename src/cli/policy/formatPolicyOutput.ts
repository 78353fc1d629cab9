import { join } from 'node:path';
import {
  BASE_SCHEMA_NAME,
  formatProblem,
  type PolicyCaseResult,
  type PolicyProblem,
  type PolicySetCheck,
} from '../../policy/index.js';

/** Problems name files relative to the policy directory; print them as paths an editor can open. */
export function withDirectory(problem: PolicyProblem, dir: string): PolicyProblem {
  if (problem.file === undefined || problem.file === BASE_SCHEMA_NAME) return problem;
  return { ...problem, file: join(dir, problem.file) };
}

export function checkText(dir: string, check: PolicySetCheck): string {
  const lines = check.problems.map((problem) => formatProblem(withDirectory(problem, dir)));
  const errors = check.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = check.problems.length - errors;
  const tail = warnings > 0 ? `, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : '';
  lines.push(
    check.valid
      ? `${dir}: valid: ${check.policies} ${check.policies === 1 ? 'policy' : 'policies'}, ${check.tools.length} ${check.tools.length === 1 ? 'tool' : 'tools'}${tail} (${check.fingerprint ?? ''})`
      : `${dir}: not valid: ${errors} ${errors === 1 ? 'error' : 'errors'}${tail}`,
  );
  return lines.join('\n');
}

function list(ids: readonly string[]): string {
  return ids.length === 0 ? '-' : ids.join(', ');
}

/** `PASS  name  allow/auto  policies` or `FAIL  name` with one indented line per mismatch. */
export function caseText(result: PolicyCaseResult): string {
  const { decision } = result;
  const head = `${result.passed ? 'PASS' : 'FAIL'}  ${result.name}  ${decision.decision}/${decision.lane}  ${list(decision.policies)}`;
  return [head, ...result.mismatches.map((mismatch) => `      ${mismatch}`)].join('\n');
}

export function caseJson(result: PolicyCaseResult): string {
  return JSON.stringify({
    name: result.name,
    passed: result.passed,
    decision: result.decision.decision,
    lane: result.decision.lane,
    policies: result.decision.policies,
    errors: result.decision.errors,
    mismatches: result.mismatches,
  });
}

export function summaryText(results: readonly PolicyCaseResult[]): string {
  const failed = results.filter((result) => !result.passed).length;
  return `${results.length} ${results.length === 1 ? 'case' : 'cases'}: ${results.length - failed} passed, ${failed} failed`;
}

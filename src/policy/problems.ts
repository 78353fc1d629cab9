import type { DetailedError } from '@cedar-policy/cedar-wasm/nodejs';
import { charIndexOfByte, positionAt } from './sourceLocation.js';

/** Something wrong with a policy set. Errors stop the engine from starting; warnings are shown. */
export interface PolicyProblem {
  readonly severity: 'error' | 'warning';
  /** Cedar's message (and its help, when it has one), or ours. Never a request value. */
  readonly message: string;
  /** The file as named in the set (relative to the policy directory). */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly policyId?: string;
}

/** `file:line:column: error: message [policy id]`, the shape editors and CI annotate from. */
export function formatProblem(problem: PolicyProblem): string {
  const where = [problem.file, problem.line, problem.column].filter((part) => part !== undefined).join(':');
  const policy = problem.policyId === undefined ? '' : ` [policy ${problem.policyId}]`;
  return `${where === '' ? '' : `${where}: `}${problem.severity}: ${problem.message}${policy}`;
}

export function cedarMessage(error: DetailedError): string {
  const help = error.help ? ` (${error.help})` : '';
  return `${error.message}${help}`;
}

/** A place in a file where a piece of Cedar text starts: Cedar's offsets are relative to the piece. */
export interface TextOrigin {
  readonly file: string;
  /** The whole file's text. */
  readonly fileText: string;
  /** Where the piece starts in the file (UTF-16 index) and the piece itself. */
  readonly start: number;
  readonly text: string;
}

/** A Cedar error about a piece of text, placed at file:line:column. */
export function problemAt(
  error: DetailedError,
  origin: TextOrigin,
  severity: 'error' | 'warning' = 'error',
  policyId?: string,
): PolicyProblem {
  const offset = error.sourceLocations?.[0]?.start;
  const base = {
    severity,
    message: cedarMessage(error),
    file: origin.file,
    ...(policyId === undefined ? {} : { policyId }),
  };
  const index = origin.start + (offset === undefined ? 0 : charIndexOfByte(origin.text, offset));
  const { line, column } = positionAt(origin.fileText, index);
  return { ...base, line, column };
}

export function hasErrors(problems: readonly PolicyProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

import { type ErrorPath, MaestroError } from '../errors/index.js';

const SAFE_SEGMENT = /^[A-Za-z0-9_.$-]{1,64}$/;

/**
 * A path that is safe to put in an error: indices and well-formed short keys are kept, anything
 * else (a key that could carry a secret, control characters or megabytes) becomes `?`.
 */
export function safePath(path: ReadonlyArray<PropertyKey>): ErrorPath {
  return path.map((segment) => {
    if (typeof segment === 'number') return segment;
    if (typeof segment === 'string' && SAFE_SEGMENT.test(segment)) return segment;
    return '?';
  });
}

function where(path: ErrorPath): string {
  return path.length === 0 ? 'the event' : path.join('.');
}

/** ERR_LEDGER_INVALID_EVENT: names where the problem is, never the offending value. */
export class InvalidRiskEventError extends MaestroError {
  /** What is wrong, without the where: lets a caller re-throw under a longer path. */
  readonly problem: string;

  constructor(problem: string, path: ReadonlyArray<PropertyKey> = []) {
    const safe = safePath(path);
    super('ERR_LEDGER_INVALID_EVENT', {
      message: `Invalid risk event at ${where(safe)}: ${problem}.`,
      path: safe,
    });
    this.name = 'InvalidRiskEventError';
    this.problem = problem;
  }
}

/** ERR_LEDGER_KEY: the signing key is missing, unreadable, too widely readable or not Ed25519. */
export class LedgerKeyError extends MaestroError {
  constructor(message: string, cause?: unknown) {
    super('ERR_LEDGER_KEY', cause === undefined ? { message } : { message, cause });
    this.name = 'LedgerKeyError';
  }
}

/** ERR_LEDGER_TAMPERED: stored ledger state does not add up. */
export class LedgerTamperedError extends MaestroError {
  constructor(message: string) {
    super('ERR_LEDGER_TAMPERED', { message });
    this.name = 'LedgerTamperedError';
  }
}

/** The first zod issue as an InvalidRiskEventError: path and zod's message, never a key name or value. */
export function invalidEventFromZod(
  error: { issues: ReadonlyArray<{ code: string; path: ReadonlyArray<PropertyKey>; message: string }> },
  prefix: ReadonlyArray<PropertyKey> = [],
): InvalidRiskEventError {
  const issue = error.issues[0];
  if (issue === undefined) return new InvalidRiskEventError('not valid', prefix);
  // zod names unknown keys in its message; they are caller data.
  const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
  return new InvalidRiskEventError(message, [...prefix, ...issue.path]);
}

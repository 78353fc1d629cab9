import { MaestroError } from '../errors/index.js';

/** ERR_GRANT_INVALID: the token does not verify (signature, key, expiry, shape or chain). */
export class GrantInvalidError extends MaestroError {
  constructor(message: string, cause?: unknown) {
    super('ERR_GRANT_INVALID', cause === undefined ? { message } : { message, cause });
    this.name = 'GrantInvalidError';
  }
}

/** ERR_GRANT_DENIED: a delegation or a call asks for more than the grant allows. */
export class GrantDeniedError extends MaestroError {
  constructor(message: string) {
    super('ERR_GRANT_DENIED', { message });
    this.name = 'GrantDeniedError';
  }
}

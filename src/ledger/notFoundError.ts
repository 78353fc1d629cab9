import { MaestroError } from '../errors/index.js';

/** No such event or tree head (or none that covers an event yet); says which, never the id. */
export class LedgerNotFoundError extends MaestroError {
  constructor(message: string) {
    super('ERR_LEDGER_NOT_FOUND', { message });
    this.name = 'LedgerNotFoundError';
  }
}

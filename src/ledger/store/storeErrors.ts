import { MaestroError } from '../../errors/index.js';

/**
 * ERR_LEDGER_UNAVAILABLE with a message we wrote; the driver's error (which may quote SQL,
 * host names or values) is kept only as `cause`, never shown to a caller.
 */
export function ledgerUnavailable(message: string, cause?: unknown): MaestroError {
  if (cause instanceof MaestroError) return cause;
  return new MaestroError('ERR_LEDGER_UNAVAILABLE', cause === undefined ? { message } : { message, cause });
}

/** Runs a store operation, turning any foreign failure into ERR_LEDGER_UNAVAILABLE. */
export async function guardStore<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw ledgerUnavailable(`The ledger store failed to ${what}.`, error);
  }
}

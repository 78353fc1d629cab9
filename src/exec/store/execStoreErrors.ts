import { MaestroError } from '../../errors/index.js';
import type { LedgerStore, SqlExecutor } from '../../ledger/index.js';

/**
 * Runs executor state changes in one tenant-scoped transaction. A store failure becomes
 * ERR_EXECUTOR_UNAVAILABLE (the driver's message, which may quote SQL or values, stays in
 * `cause`); maestro's own typed errors pass through.
 */
export async function inTenant<T>(
  store: LedgerStore,
  tenantId: string,
  what: string,
  fn: (tx: SqlExecutor) => Promise<T>,
): Promise<T> {
  try {
    return await store.transaction(tenantId, fn);
  } catch (error) {
    if (error instanceof MaestroError && error.code !== 'ERR_LEDGER_UNAVAILABLE') throw error;
    throw new MaestroError('ERR_EXECUTOR_UNAVAILABLE', {
      message: `The executor store failed to ${what}; nothing was run.`,
      cause: error,
    });
  }
}

/** Epoch milliseconds as a timestamptz parameter. */
export const at = (ms: number): string => new Date(ms).toISOString();

/** A timestamptz column selected as epoch milliseconds (drivers agree on float8). */
export const epochMs = (column: string): string => `(extract(epoch FROM ${column}) * 1000)::float8`;

export function rowMs(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new TypeError('expected a timestamp from the database');
  return Math.round(n);
}

export function rowText(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError('expected text from the database');
  return value;
}

export function rowOptionalText(value: unknown): string | null {
  return value === null || value === undefined ? null : rowText(value);
}

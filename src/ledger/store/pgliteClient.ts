import type { PGlite, Transaction } from '@electric-sql/pglite';
import { MaestroError } from '../../errors/index.js';
import { type SqlClient, type SqlExecutor, type SqlRow, transactionPrologue } from './sqlClient.js';

function executor(tx: Transaction): SqlExecutor {
  return {
    async query<R extends SqlRow = SqlRow>(text: string, params: readonly unknown[] = []): Promise<R[]> {
      const result = await tx.query<R>(text, [...params]);
      return result.rows;
    },
    async exec(script: string): Promise<void> {
      await tx.exec(script);
    },
  };
}

export interface PgliteClientOptions {
  /** Close the PGlite instance with the client (false when the caller owns it). */
  readonly ownsDb: boolean;
  /** Releases what the opener holds (the data directory lock), after the database is closed. */
  readonly onClose?: () => Promise<void>;
}

/** SqlClient over one in-process PGlite, which runs a single connection and serialises transactions. */
export function pgliteClient(db: PGlite, options: PgliteClientOptions = { ownsDb: true }): SqlClient {
  let closing: Promise<void> | undefined;
  return {
    engine: 'pglite',
    async transaction(scope, fn) {
      if (closing !== undefined) throw new MaestroError('ERR_LEDGER_CLOSED');
      return db.transaction(async (tx) => {
        if (scope.readOnly === true) await tx.query('SET TRANSACTION READ ONLY');
        const prologue = transactionPrologue(scope);
        await tx.query(prologue.text, prologue.params);
        return fn(executor(tx));
      });
    },
    close() {
      closing ??= (async () => {
        try {
          if (options.ownsDb && !db.closed) await db.close();
        } finally {
          await options.onClose?.();
        }
      })();
      return closing;
    },
  };
}

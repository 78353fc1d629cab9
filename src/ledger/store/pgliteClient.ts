import { type PGlite, type QueryOptions, type Transaction, types } from '@electric-sql/pglite';
import { MaestroError } from '../../errors/index.js';
import { type SqlClient, type SqlExecutor, type SqlRow, transactionPrologue } from './sqlClient.js';

type Serialize = (value: unknown) => string;

function passBytes(fallback: Serialize | undefined): Serialize {
  // PGlite's protocol layer sends a Uint8Array parameter as it is, in binary format.
  const pass = (value: unknown) => (value instanceof Uint8Array ? value : (fallback ?? String)(value));
  return pass as Serialize;
}

/**
 * pg sends a Buffer parameter in binary format; PGlite's serializers would instead decode it back
 * into a string (text) or hex-encode it byte by byte (bytea), and then measure the string's UTF-8
 * length character by character in JavaScript: for a batch of events most of the cost of the
 * statement. These let a Uint8Array through for text and bytea parameters, as pg does.
 */
const BYTES_AS_IS: QueryOptions = {
  serializers: {
    [types.TEXT]: passBytes(types.serializers[types.TEXT]),
    [types.BYTEA]: passBytes(types.serializers[types.BYTEA]),
  },
};

function executor(tx: Transaction): SqlExecutor {
  return {
    async query<R extends SqlRow = SqlRow>(text: string, params: readonly unknown[] = []): Promise<R[]> {
      const bytes = params.some((p) => p instanceof Uint8Array);
      const result = await tx.query<R>(text, [...params], bytes ? BYTES_AS_IS : undefined);
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

import type { Pool, PoolClient } from 'pg';
import { MaestroError } from '../../errors/index.js';
import { type SqlClient, type SqlExecutor, type SqlRow, transactionPrologue } from './sqlClient.js';

function executor(client: PoolClient): SqlExecutor {
  return {
    async query<R extends SqlRow = SqlRow>(text: string, params: readonly unknown[] = []): Promise<R[]> {
      const result = await client.query<R>(text, [...params]);
      return result.rows;
    },
    async exec(script: string): Promise<void> {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await client.query(script);
    },
  };
}

/** SqlClient over a pg pool: one pooled connection per transaction. */
export function postgresClient(pool: Pool, options: { ownsPool: boolean }): SqlClient {
  let closing: Promise<void> | undefined;
  return {
    engine: 'postgres',
    async transaction(scope, fn) {
      if (closing !== undefined) throw new MaestroError('ERR_LEDGER_CLOSED');
      const client = await pool.connect();
      // A checked-out client has no error listener; an unexpected disconnect would otherwise
      // be an unhandled 'error' event. The failed query reports it; we only remember it.
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      try {
        await client.query(scope.readOnly === true ? 'BEGIN READ ONLY' : 'BEGIN');
        const prologue = transactionPrologue(scope);
        await client.query(prologue.text, prologue.params);
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (broken === undefined) {
          try {
            await client.query('ROLLBACK');
          } catch (rollbackError) {
            broken = rollbackError instanceof Error ? rollbackError : new Error('rollback failed');
          }
        }
        throw error;
      } finally {
        client.removeListener('error', onError);
        // A connection that broke or could not roll back is destroyed, not returned to the pool.
        client.release(broken);
      }
    },
    close() {
      closing ??= options.ownsPool ? pool.end() : Promise.resolve();
      return closing;
    },
  };
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPostgresStore, type PostgresStoreOptions } from '../store/createPostgresStore.js';
import type { LedgerStore } from '../store/ledgerStore.js';
import { postgresClient } from '../store/postgresClient.js';
import { type LedgerRoles, quoteIdentifier } from '../store/roles.js';
import type { TestDatabase } from './testDatabase.js';

/** Where test databases are created: a superuser on the local server (CI: trust auth). */
export const TEST_POSTGRES_URL =
  process.env.MAESTRO_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PostgresTestDatabase extends TestDatabase {
  readonly engine: 'postgres';
  readonly name: string;
  /** Superuser connection string to the test database. */
  readonly url: string;
  createStore(
    options?: Omit<PostgresStoreOptions, 'connectionString' | 'pool' | 'roles'>,
  ): Promise<LedgerStore>;
}

function urlFor(database: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Creates `maestro_t_<pid>_<random>` with its own three roles (roles are cluster-wide, so each
 * test database gets its own), and returns a handle whose `drop` removes both. Call `drop` from
 * afterAll so it also runs when tests fail.
 */
export async function createPostgresTestDatabase(): Promise<PostgresTestDatabase> {
  const name = `maestro_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const roles: LedgerRoles = { owner: `${name}_owner`, app: `${name}_app`, auditor: `${name}_auditor` };
  await onServer(`CREATE DATABASE ${quoteIdentifier(name)}`);
  const url = urlFor(name);
  const pool = new pg.Pool({ connectionString: url, max: 4, application_name: 'maestro-test-admin' });
  pool.on('error', () => {});
  const sql = postgresClient(pool, { ownsPool: true });
  const stores: LedgerStore[] = [];
  let dropped: Promise<void> | undefined;

  return {
    engine: 'postgres',
    name,
    url,
    roles,
    sql,
    async createStore(options = {}) {
      const store = await createPostgresStore({ ...options, connectionString: url, roles });
      stores.push(store);
      return store;
    },
    drop() {
      dropped ??= (async () => {
        await Promise.allSettled(stores.map((s) => s.close()));
        await sql.close().catch(() => {});
        await onServer(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
        for (const role of [roles.app, roles.auditor, roles.owner]) {
          await onServer(`DROP ROLE IF EXISTS ${quoteIdentifier(role)}`);
        }
      })();
      return dropped;
    },
  };
}

import type { LedgerStore } from '../store/ledgerStore.js';
import type { LedgerRoles } from '../store/roles.js';
import type { SqlClient } from '../store/sqlClient.js';

/** A fresh database for one test file, on either engine. */
export interface TestDatabase {
  readonly engine: 'pglite' | 'postgres';
  readonly roles: LedgerRoles;
  /**
   * A privileged client on the same database (the superuser on PostgreSQL, PGlite's only user):
   * for assertions that must go around the store. Pick a role per transaction with `scope.role`.
   */
  readonly sql: SqlClient;
  /** A store on this database (migrated); closed by `drop` if the test has not closed it. */
  createStore(): Promise<LedgerStore>;
  /** Closes everything and removes the database (and, on PostgreSQL, its roles). */
  drop(): Promise<void>;
}

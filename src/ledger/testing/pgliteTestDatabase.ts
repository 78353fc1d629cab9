import { PGlite } from '@electric-sql/pglite';
import { createPgliteStore } from '../store/createPgliteStore.js';
import type { LedgerStore } from '../store/ledgerStore.js';
import { pgliteClient } from '../store/pgliteClient.js';
import { DEFAULT_LEDGER_ROLES } from '../store/roles.js';
import type { TestDatabase } from './testDatabase.js';

export interface PgliteTestDatabase extends TestDatabase {
  readonly engine: 'pglite';
  readonly db: PGlite;
}

/** A fresh in-memory PGlite (memory://); stores created from it share the instance. */
export async function createPgliteTestDatabase(): Promise<PgliteTestDatabase> {
  const db = await PGlite.create('memory://');
  const sql = pgliteClient(db, { ownsDb: true });
  const stores: LedgerStore[] = [];
  return {
    engine: 'pglite',
    db,
    roles: DEFAULT_LEDGER_ROLES,
    sql,
    async createStore() {
      const store = await createPgliteStore({ pglite: db });
      stores.push(store);
      return store;
    },
    async drop() {
      await Promise.allSettled(stores.map((s) => s.close()));
      await sql.close();
    },
  };
}

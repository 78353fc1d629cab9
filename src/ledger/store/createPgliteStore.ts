import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { z } from 'zod';
import { InvalidOptionsError, invalidOptionsFromZod } from '../../errors/index.js';
import { resolveDataDir } from './dataDir.js';
import { lockDataDir } from './dataDirLock.js';
import { initialTenantState } from './initialState.js';
import { createLedgerStore, type LedgerStore } from './ledgerStore.js';
import { applyMigrations } from './migrations.js';
import { pgliteClient } from './pgliteClient.js';
import { type LedgerRoles, ledgerRolesSchema } from './roles.js';
import type { SqlClient } from './sqlClient.js';
import { ledgerUnavailable } from './storeErrors.js';

export const MEMORY_DATA_DIR = 'memory://';

const pgliteStoreOptionsSchema = z.strictObject({
  /** The maestro data directory (the ledger lives in `<dataDir>/ledger`), or 'memory://'. */
  dataDir: z.string().min(1).optional(),
  /** An open PGlite to use instead (the store then neither locks a directory nor closes it). */
  pglite: z
    .custom<PGlite>(
      (v) =>
        typeof v === 'object' &&
        v !== null &&
        typeof (v as PGlite).transaction === 'function' &&
        typeof (v as PGlite).close === 'function',
      { message: 'expected a PGlite instance' },
    )
    .optional(),
  roles: ledgerRolesSchema.optional(),
});

export type PgliteStoreOptions = z.input<typeof pgliteStoreOptionsSchema>;

/**
 * The embedded store: PostgreSQL compiled to WebAssembly, in-process, in `<dataDir>/ledger`
 * (dataDir defaults to MAESTRO_DATA_DIR, else ./.maestro). The schema is migrated on open.
 * One process at a time may open a data directory (`<dataDir>/ledger.lock`).
 */
export async function createPgliteStore(options: PgliteStoreOptions = {}): Promise<LedgerStore> {
  const parsed = pgliteStoreOptionsSchema.safeParse(options);
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  const roles = ledgerRolesSchema.parse(parsed.data.roles ?? {});
  const given = parsed.data.pglite;
  if (given !== undefined) {
    if (parsed.data.dataDir !== undefined) {
      throw new InvalidOptionsError('Pass either dataDir or pglite, not both.', ['pglite']);
    }
    return openStore(pgliteClient(given, { ownsDb: false }), roles, undefined);
  }
  const memory = parsed.data.dataDir === MEMORY_DATA_DIR;
  const dataDir = memory ? undefined : resolveDataDir(parsed.data.dataDir);

  let release: () => Promise<void> = async () => {};
  let db: PGlite;
  try {
    if (dataDir !== undefined) {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      release = lockDataDir(dataDir);
    }
    db = await PGlite.create(dataDir === undefined ? MEMORY_DATA_DIR : join(dataDir, 'ledger'));
  } catch (error) {
    await release();
    throw ledgerUnavailable('The embedded ledger database could not be opened.', error);
  }

  return openStore(pgliteClient(db, { ownsDb: true, onClose: release }), roles, dataDir);
}

async function openStore(
  client: SqlClient,
  roles: LedgerRoles,
  dataDir: string | undefined,
): Promise<LedgerStore> {
  try {
    await applyMigrations(client, roles);
  } catch (error) {
    await client.close();
    throw ledgerUnavailable('The embedded ledger database could not be migrated.', error);
  }
  return createLedgerStore({ client, roles, dataDir, initial: initialTenantState() });
}

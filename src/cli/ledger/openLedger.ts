import { createLedger, createPgliteStore, createPostgresStore, type Ledger } from '../../ledger/index.js';

/** Where the CLI's ledger lives: the flags, else MAESTRO_DATABASE_URL / MAESTRO_DATA_DIR. */
export interface LedgerLocation {
  readonly dataDir?: string;
  readonly databaseUrl?: string;
}

/**
 * Opens the ledger the CLI works on: PostgreSQL when a database URL is given (flag or
 * MAESTRO_DATABASE_URL; the schema must already be migrated), else the embedded store in the
 * data directory. The signing key is the data directory's in both cases.
 */
export async function openLedger(
  location: LedgerLocation,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Ledger> {
  const databaseUrl = location.databaseUrl ?? env['MAESTRO_DATABASE_URL'];
  const store =
    databaseUrl !== undefined && databaseUrl !== ''
      ? await createPostgresStore({ connectionString: databaseUrl }, env)
      : await createPgliteStore(location.dataDir === undefined ? {} : { dataDir: location.dataDir });
  return createLedger({ store, ...(location.dataDir === undefined ? {} : { dataDir: location.dataDir }) });
}

/** Runs `fn` on an open ledger and always closes it (writing final heads for what `fn` logged). */
export async function withLedger<T>(
  location: LedgerLocation,
  fn: (ledger: Ledger) => Promise<T>,
): Promise<T> {
  const ledger = await openLedger(location);
  try {
    return await fn(ledger);
  } finally {
    await ledger.close();
  }
}

import pg from 'pg';
import { z } from 'zod';
import { InvalidOptionsError, invalidOptionsFromZod } from '../../errors/index.js';
import { initialTenantState } from './initialState.js';
import { createLedgerStore, type LedgerStore } from './ledgerStore.js';
import { applyMigrations, checkMigrations } from './migrations.js';
import { postgresClient } from './postgresClient.js';
import { ledgerRolesSchema } from './roles.js';
import { ledgerUnavailable } from './storeErrors.js';

const postgresStoreOptionsSchema = z.strictObject({
  /** postgres://… ; default MAESTRO_DATABASE_URL. Never echoed in errors. */
  connectionString: z.string().min(1).optional(),
  /** An existing pg pool (the store then does not end it on close). */
  pool: z
    .custom<pg.Pool>(
      (v) =>
        typeof v === 'object' &&
        v !== null &&
        typeof (v as pg.Pool).connect === 'function' &&
        typeof (v as pg.Pool).end === 'function',
      { message: 'expected a pg Pool' },
    )
    .optional(),
  roles: ledgerRolesSchema.optional(),
  /**
   * true (default): create roles and apply pending migrations (needs a privileged connection).
   * false: only check, as the app role, that the schema is fully migrated.
   */
  migrate: z.boolean().default(true),
  /** Connections in the pool the store creates (default 10). */
  poolSize: z.number().int().min(1).max(1000).default(10),
  /** statement_timeout per statement, including waits for another writer's lock (default 30 s). */
  statementTimeoutMs: z.number().int().min(100).max(3_600_000).default(30_000),
  connectTimeoutMs: z.number().int().min(100).max(600_000).default(10_000),
  applicationName: z.string().min(1).max(63).default('maestro-ledger'),
});

export type PostgresStoreOptions = z.input<typeof postgresStoreOptionsSchema>;

/**
 * The server store: PostgreSQL through a pg pool, for several gateway replicas sharing one
 * ledger. Appends to one tenant from any number of processes are serialised by its state row.
 */
export async function createPostgresStore(
  options: PostgresStoreOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<LedgerStore> {
  const parsed = postgresStoreOptionsSchema.safeParse(options);
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  const o = parsed.data;
  const roles = ledgerRolesSchema.parse(o.roles ?? {});
  if (o.pool !== undefined && o.connectionString !== undefined) {
    throw new InvalidOptionsError('Pass either connectionString or pool, not both.', ['pool']);
  }
  const connectionString = o.connectionString ?? env.MAESTRO_DATABASE_URL;
  if (o.pool === undefined && (connectionString === undefined || connectionString === '')) {
    throw new InvalidOptionsError(
      'No PostgreSQL connection: set MAESTRO_DATABASE_URL or pass connectionString or pool.',
      ['connectionString'],
    );
  }

  const ownsPool = o.pool === undefined;
  const pool =
    o.pool ??
    new pg.Pool({
      connectionString,
      max: o.poolSize,
      statement_timeout: o.statementTimeoutMs,
      // A writer that hangs inside a transaction must not hold a tenant's lock for ever.
      idle_in_transaction_session_timeout: Math.max(o.statementTimeoutMs, 60_000),
      connectionTimeoutMillis: o.connectTimeoutMs,
      application_name: o.applicationName,
    });
  // Idle connections that the server drops emit 'error' on the pool; the next checkout
  // reconnects. Without a listener the process would crash.
  if (ownsPool) pool.on('error', () => {});

  const client = postgresClient(pool, { ownsPool });
  try {
    await (o.migrate ? applyMigrations(client, roles) : checkMigrations(client, roles));
  } catch (error) {
    await client.close().catch(() => {});
    throw ledgerUnavailable(
      o.migrate
        ? 'The PostgreSQL ledger database could not be reached or migrated.'
        : 'The PostgreSQL ledger database could not be reached or is not migrated.',
      error,
    );
  }
  return createLedgerStore({ client, roles, dataDir: undefined, initial: initialTenantState() });
}

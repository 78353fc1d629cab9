import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { type LedgerRoles, quoteIdentifier } from './roles.js';
import type { SqlClient, SqlExecutor } from './sqlClient.js';
import { ledgerUnavailable } from './storeErrors.js';

/** One versioned SQL file, as shipped next to this module in ../migrations/. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** The file's text with line endings normalised to \n, placeholders not yet substituted. */
  readonly sql: string;
  /** SHA-256 (hex) of `sql`: what the database records and compares on every start. */
  readonly checksum: string;
}

export interface MigrationReport {
  /** Versions this run applied, in order. */
  readonly applied: number[];
  /** The highest version the database now has. */
  readonly version: number;
}

const MIGRATIONS_DIR = new URL('../migrations/', import.meta.url);
const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;
const PLACEHOLDER = /:"([a-z_]+)"/g;
// Serialises migrators (several replicas starting at once); any constant works.
const MIGRATION_LOCK_KEY = '7016124211563213001';

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS maestro_schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** Reads NNN_name.sql files in version order; versions must run 1, 2, 3 … without gaps. */
export function loadMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.sql'));
  } catch (error) {
    throw ledgerUnavailable('The ledger migration files are missing from the installed package.', error);
  }
  const migrations = files
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (match === null) throw ledgerUnavailable(`Unexpected migration file name: ${file}.`);
      const sql = readFileSync(new URL(file, dir), 'utf8').replaceAll('\r\n', '\n');
      return {
        version: Number(match[1]),
        name: match[2] as string,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw ledgerUnavailable(`Migration versions must run 1, 2, 3 …; found ${m.version}.`);
  });
  return migrations;
}

/** Substitutes the role placeholders (psql's :"name" syntax) with quoted identifiers. */
export function renderMigration(sql: string, roles: LedgerRoles): string {
  const values: Record<string, string> = {
    owner_role: roles.owner,
    app_role: roles.app,
    auditor_role: roles.auditor,
  };
  return sql.replace(PLACEHOLDER, (_whole, key: string) => {
    const role = values[key];
    if (role === undefined) throw ledgerUnavailable(`Unknown placeholder :"${key}" in a migration.`);
    return quoteIdentifier(role);
  });
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

async function appliedMigrations(tx: SqlExecutor): Promise<AppliedRow[]> {
  return tx.query<{ version: number; name: string; checksum: string } & Record<string, unknown>>(
    'SELECT version, name, checksum FROM maestro_schema_migrations ORDER BY version',
  );
}

/** Refuses a database whose applied migrations differ from the files we ship. */
function checkApplied(applied: AppliedRow[], migrations: Migration[]): void {
  for (const row of applied) {
    const known = migrations.find((m) => m.version === row.version);
    // A newer version we do not know comes from a newer maestro (a rolling upgrade); allowed.
    if (known !== undefined && known.checksum !== row.checksum) {
      throw ledgerUnavailable(
        `Migration ${row.version} (${row.name}) was changed after it was applied; refusing to use this database.`,
      );
    }
  }
}

/** Creates the three ledger roles when they do not exist yet (NOLOGIN: they are assumed, not logged into). */
async function ensureRoles(tx: SqlExecutor, roles: LedgerRoles): Promise<void> {
  const wanted = [roles.owner, roles.app, roles.auditor];
  const existing = await tx.query<{ rolname: string }>(
    'SELECT rolname FROM pg_roles WHERE rolname = ANY($1)',
    [wanted],
  );
  const have = new Set(existing.map((r) => r.rolname));
  for (const role of wanted) {
    if (!have.has(role)) await tx.exec(`CREATE ROLE ${quoteIdentifier(role)} NOLOGIN`);
  }
}

/**
 * Applies every pending migration in one transaction under an advisory lock: roles first, then
 * the files in order, each recorded with its checksum. Needs a privileged connection (superuser,
 * or CREATEROLE and membership in the owner role); the embedded store always has one.
 */
export async function applyMigrations(
  client: SqlClient,
  roles: LedgerRoles,
  migrations: Migration[] = loadMigrations(),
): Promise<MigrationReport> {
  return client.transaction({}, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await ensureRoles(tx, roles);
    await tx.exec(MIGRATIONS_TABLE);
    const applied = await appliedMigrations(tx);
    checkApplied(applied, migrations);
    const done = new Set(applied.map((r) => r.version));
    const ran: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.exec(renderMigration(migration.sql, roles));
      await tx.query('INSERT INTO maestro_schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      ran.push(migration.version);
    }
    await tx.exec(
      `ALTER TABLE maestro_schema_migrations OWNER TO ${quoteIdentifier(roles.owner)};
       REVOKE ALL ON maestro_schema_migrations FROM PUBLIC;
       GRANT SELECT ON maestro_schema_migrations TO ${quoteIdentifier(roles.app)}, ${quoteIdentifier(roles.auditor)}`,
    );
    const version = Math.max(0, ...applied.map((r) => r.version), ...ran);
    return { applied: ran, version };
  });
}

/**
 * For a connection that may not migrate (the app role in a hardened deployment): checks, as
 * that role, that every migration we ship is applied unchanged.
 */
export async function checkMigrations(
  client: SqlClient,
  roles: LedgerRoles,
  migrations: Migration[] = loadMigrations(),
): Promise<MigrationReport> {
  return client.transaction({ role: roles.app, readOnly: true }, async (tx) => {
    const exists = await tx.query<{ found: string | null }>(
      "SELECT to_regclass('maestro_schema_migrations')::text AS found",
    );
    const applied = exists[0]?.found == null ? [] : await appliedMigrations(tx);
    checkApplied(applied, migrations);
    const missing = migrations.filter((m) => !applied.some((r) => r.version === m.version));
    if (missing.length > 0) {
      throw ledgerUnavailable(
        `The ledger schema lacks migration ${missing[0]?.version}; run the migrations with a privileged connection.`,
      );
    }
    return { applied: [], version: Math.max(0, ...applied.map((r) => r.version)) };
  });
}

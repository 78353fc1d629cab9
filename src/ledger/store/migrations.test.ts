import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaestroError } from '../../errors/index.js';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '../testing/postgresTestDatabase.js';
import { createPostgresStore } from './createPostgresStore.js';
import { applyMigrations, loadMigrations, renderMigration } from './migrations.js';
import { DEFAULT_LEDGER_ROLES } from './roles.js';

describe('migration files', () => {
  it('are numbered 1, 2, 3 … and checksummed over their text with \\n line endings', () => {
    const migrations = loadMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(migrations[0]?.name).toBe('ledger');
    for (const m of migrations) {
      const file = readFileSync(
        new URL(`../migrations/${String(m.version).padStart(3, '0')}_${m.name}.sql`, import.meta.url),
        'utf8',
      );
      expect(m.checksum).toBe(createHash('sha256').update(file.replaceAll('\r\n', '\n')).digest('hex'));
    }
  });

  it('substitute every role placeholder with a quoted identifier and refuse unknown ones', () => {
    const roles = { owner: 'o_role', app: 'a_role', auditor: 'x_role' };
    for (const m of loadMigrations()) {
      const sql = renderMigration(m.sql, roles);
      expect(sql).not.toMatch(/:"[a-z_]+"/);
      expect(sql).toContain('"a_role"');
    }
    expect(() => renderMigration('GRANT SELECT ON t TO :"nobody"', roles)).toThrow(MaestroError);
    // Casts are not placeholders.
    expect(renderMigration("SELECT '1'::int", roles)).toBe("SELECT '1'::int");
  });
});

describe('migrations on PostgreSQL', () => {
  let db: PostgresTestDatabase;
  beforeAll(async () => {
    db = await createPostgresTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('are applied once, concurrently safe, then found up to date', async () => {
    const [a, b] = await Promise.all([applyMigrations(db.sql, db.roles), applyMigrations(db.sql, db.roles)]);
    expect([...a.applied, ...b.applied]).toEqual(loadMigrations().map((m) => m.version));
    expect((await applyMigrations(db.sql, db.roles)).applied).toEqual([]);
    const rows = await db.sql.transaction({}, (tx) =>
      tx.query('SELECT version, name, checksum FROM maestro_schema_migrations ORDER BY version'),
    );
    expect(rows).toEqual(
      loadMigrations().map(({ version, name, checksum }) => ({ version, name, checksum })),
    );
  });

  it('lets a connection that may not migrate check the schema as the app role', async () => {
    const store = await db.createStore({ migrate: false });
    await store.close();
  });

  it('refuses a database whose applied migration changed', async () => {
    const changed = loadMigrations().map((m) => ({ ...m, checksum: 'f'.repeat(64) }));
    const refused = await applyMigrations(db.sql, db.roles, changed).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MaestroError);
    expect((refused as MaestroError).code).toBe('ERR_LEDGER_UNAVAILABLE');
    expect((refused as MaestroError).message).toMatch(
      /Migration 1 \(ledger\) was changed after it was applied/,
    );
  });

  it('reports an unmigrated database without leaking the connection string', async () => {
    const other = await createPostgresTestDatabase();
    try {
      const refused = await createPostgresStore({
        connectionString: other.url,
        roles: other.roles,
        migrate: false,
      }).catch((e: unknown) => e);
      expect((refused as MaestroError).code).toBe('ERR_LEDGER_UNAVAILABLE');
      expect(JSON.stringify(refused)).not.toContain(other.name);
      expect((refused as MaestroError).message).not.toContain(other.name);
    } finally {
      await other.drop();
    }
  });

  it('turns an unreachable server into ERR_LEDGER_UNAVAILABLE with the driver error as cause only', async () => {
    const url = 'postgres://someone:hunter2@127.0.0.1:1/nowhere';
    const refused = (await createPostgresStore({ connectionString: url, connectTimeoutMs: 2000 }).catch(
      (e: unknown) => e,
    )) as MaestroError;
    expect(refused.code).toBe('ERR_LEDGER_UNAVAILABLE');
    expect(refused.message).not.toMatch(/hunter2|nowhere|127\.0\.0\.1/);
    expect(JSON.stringify(refused)).not.toMatch(/hunter2|nowhere/);
    expect(refused.cause).toBeInstanceOf(Error);
  });

  it('validates options without echoing them', async () => {
    const refused = (await createPostgresStore({ connectionString: 'x', roles: { app: 'Bad Name' } }).catch(
      (e: unknown) => e,
    )) as MaestroError;
    expect(refused.code).toBe('ERR_INVALID_OPTIONS');
    expect(refused.message).not.toContain('Bad Name');
    const missing = (await createPostgresStore({}, {}).catch((e: unknown) => e)) as MaestroError;
    expect(missing.code).toBe('ERR_INVALID_OPTIONS');
    expect(DEFAULT_LEDGER_ROLES.app).toBe('maestro_ledger_app');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgliteStore, type LedgerStore, type SqlClient } from '../../src/ledger/index.js';
import { pgliteClient } from '../../src/ledger/store/pgliteClient.js';
import {
  createPostgresTestDatabase,
  TEST_POSTGRES_URL,
} from '../../src/ledger/testing/postgresTestDatabase.js';
import { onInterrupt } from './cleanup.js';
import { procCpuMicros } from './cpu.js';

export type EngineId = 'pglite-dir' | 'pglite-memory' | 'postgres';
export const ENGINE_IDS: readonly EngineId[] = ['pglite-dir', 'pglite-memory', 'postgres'];

export const ENGINE_LABELS: Readonly<Record<EngineId, string>> = {
  'pglite-dir': 'PGlite, data directory',
  'pglite-memory': 'PGlite, memory://',
  postgres: 'PostgreSQL',
};

/** One store to measure, on data that exists only for this run. */
export interface BenchEngine {
  readonly id: EngineId;
  /** What the tables call it, with the server version where there is one. */
  readonly label: string;
  /** Server settings that bear on the numbers (durability, memory), for the notes. */
  readonly configuration: string | undefined;
  readonly store: LedgerStore;
  /** Updates planner statistics, as autovacuum would on a server (not timed). */
  analyze(): Promise<void>;
  /** The events table of every tenant: its rows, and its bytes with indexes and TOAST. */
  eventsTable(): Promise<TableSize>;
  /** CPU (µs) of each server process serving this database; undefined when it runs in this process. */
  serverCpu(): Promise<ReadonlyMap<number, number> | undefined>;
  /** Closes the store and removes its data: the directory or the database and its roles. */
  close(): Promise<void>;
}

export interface TableSize {
  readonly rows: number;
  readonly bytes: number;
}

async function superuserQuery(sql: SqlClient, text: string): Promise<Record<string, unknown>[]> {
  return sql.transaction({}, (tx) => tx.query(text));
}

// As the superuser, which row-level security does not restrict: every tenant's rows.
const TABLE_SIZE = `SELECT pg_total_relation_size('ledger_events')::bigint AS bytes,
  (SELECT count(*) FROM ledger_events)::bigint AS rows`;

async function tableSize(sql: SqlClient): Promise<TableSize> {
  const row = (await superuserQuery(sql, TABLE_SIZE))[0];
  return { rows: Number(row?.['rows']), bytes: Number(row?.['bytes']) };
}

async function openPglite(id: 'pglite-dir' | 'pglite-memory'): Promise<BenchEngine> {
  const dir = id === 'pglite-dir' ? mkdtempSync(join(tmpdir(), 'maestro-bench-ledger-')) : undefined;
  const removeDir = async () => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  };
  let db: PGlite | undefined;
  const release = onInterrupt(async () => {
    await db?.close().catch(() => {});
    await removeDir();
  });
  try {
    // The layout createPgliteStore({ dataDir }) uses; the bench keeps the handle to run ANALYZE.
    db = await PGlite.create(dir === undefined ? 'memory://' : join(dir, 'ledger'));
    const store = await createPgliteStore({ pglite: db });
    const admin = pgliteClient(db, { ownsDb: false });
    const opened = db;
    return {
      id,
      label: ENGINE_LABELS[id],
      configuration: undefined,
      store,
      analyze: async () => void (await opened.exec('ANALYZE')),
      eventsTable: () => tableSize(admin),
      serverCpu: async () => undefined,
      close: async () => {
        await store.close();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

function isLocal(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

async function openPostgres(): Promise<BenchEngine> {
  const db = await createPostgresTestDatabase();
  const release = onInterrupt(() => db.drop());
  try {
    const store = await db.createStore();
    const settings = await superuserQuery(
      db.sql,
      `SELECT name, setting, unit FROM pg_settings
        WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'autovacuum')
        ORDER BY name`,
    );
    const setting = (name: string) => settings.find((row) => row['name'] === name);
    const version = String(setting('server_version')?.['setting']);
    const buffers = setting('shared_buffers');
    const configuration = [
      `fsync=${setting('fsync')?.['setting']}`,
      `synchronous_commit=${setting('synchronous_commit')?.['setting']}`,
      `shared_buffers=${Number(buffers?.['setting']) * (buffers?.['unit'] === '8kB' ? 8 : 1)} kB`,
      `autovacuum=${setting('autovacuum')?.['setting']}`,
    ].join(', ');
    const host = new URL(TEST_POSTGRES_URL).host;
    const local = isLocal(TEST_POSTGRES_URL);
    return {
      id: 'postgres',
      label: `PostgreSQL ${version.split(' ')[0]} (${host})`,
      configuration,
      store,
      analyze: async () => void (await superuserQuery(db.sql, 'ANALYZE')),
      eventsTable: () => tableSize(db.sql),
      async serverCpu() {
        if (!local) return undefined;
        const rows = await superuserQuery(
          db.sql,
          'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        const cpu = new Map<number, number>();
        for (const row of rows) {
          const micros = procCpuMicros(Number(row['pid']));
          if (micros === undefined) return undefined;
          cpu.set(Number(row['pid']), micros);
        }
        return cpu;
      },
      close: async () => {
        await store.close().catch(() => {});
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Opens a fresh store on `id`: a temporary directory, memory, or a new database on the server. */
export function openEngine(id: EngineId): Promise<BenchEngine> {
  return id === 'postgres' ? openPostgres() : openPglite(id);
}

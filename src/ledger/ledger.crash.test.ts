import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger } from './ledger.js';
import { createPgliteStore } from './store/createPgliteStore.js';
import type { LedgerStore } from './store/ledgerStore.js';
import { createPostgresTestDatabase, type PostgresTestDatabase } from './testing/postgresTestDatabase.js';
import { sampleEvent } from './testing/sampleEvents.js';

const WRITER = fileURLToPath(new URL('./testing/crashWriter.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** Acknowledgements to see before the kill: enough for several batches and heads. */
const ACKS_BEFORE_KILL = 300;

/** Starts the writer, collects acknowledged ids, kills it with SIGKILL mid-stream. */
async function runAndKill(config: Record<string, unknown>): Promise<string[]> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', WRITER], {
    cwd: REPO,
    env: { ...process.env, MAESTRO_CRASH_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const acked: string[] = [];
  const lines = createInterface({ input: child.stdout! });
  try {
    for await (const line of lines) {
      if (line === 'ready') continue;
      acked.push(line);
      if (acked.length >= ACKS_BEFORE_KILL) {
        child.kill('SIGKILL');
        break;
      }
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  }
  if (acked.length < ACKS_BEFORE_KILL) throw new Error(`the writer died early: ${stderr.slice(0, 2000)}`);
  expect(child.signalCode).toBe('SIGKILL');
  return acked;
}

/** After the crash: every acknowledged event is there, the log is gap-free, verifies, and goes on. */
async function checkAfterCrash(store: LedgerStore, dataDir: string, tenantId: string, acked: string[]) {
  const ledger = createLedger({ store, dataDir });
  try {
    const found = await store.readEventSeqs(tenantId, acked);
    expect(acked.filter((id) => !found.has(id))).toEqual([]);
    const seqs: number[] = [];
    for await (const e of store.readEvents(tenantId)) seqs.push(e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i));
    expect(seqs.length).toBeGreaterThanOrEqual(acked.length);

    const report = await ledger.verify(tenantId);
    expect(report.tenants[0]?.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.tenants[0]?.heads).toBeGreaterThan(0);

    const next = await ledger.logRiskEvent(sampleEvent(tenantId));
    expect(next.seq).toBe(seqs.length);
    await ledger.flush();
    const after = await ledger.verify(tenantId);
    expect(after.ok).toBe(true);
    expect(after.tenants[0]?.problems).toEqual([]);
  } finally {
    await ledger.close();
  }
}

describe('a writer killed with SIGKILL loses nothing it acknowledged', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'maestro-crash-'));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('on PostgreSQL', () => {
    let db: PostgresTestDatabase;
    beforeAll(async () => {
      db = await createPostgresTestDatabase();
    });
    afterAll(async () => {
      await db?.drop();
    });

    it('keeps every acknowledged event and the chain verifies after restart', {
      timeout: 90_000,
    }, async () => {
      const keys = join(dataDir, 'pg');
      const acked = await runAndKill({
        engine: 'postgres',
        url: db.url,
        roles: db.roles,
        dataDir: keys,
        tenantId: 'crash',
      });
      await checkAfterCrash(await db.createStore(), keys, 'crash', acked);
    });
  });

  describe('on a PGlite file store', () => {
    it('reopens after the kill, keeps every acknowledged event and the chain verifies', {
      timeout: 90_000,
    }, async () => {
      const dir = join(dataDir, 'pglite');
      const acked = await runAndKill({ engine: 'pglite', dataDir: dir, tenantId: 'crash' });
      // The dead writer's lock is taken over; PostgreSQL's WAL replay repairs the rest.
      await checkAfterCrash(await createPgliteStore({ dataDir: dir }), dir, 'crash', acked);
    });
  });
});

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'maestro-ledger-cli-'));
const dataDir = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function maestro(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env['MAESTRO_DATABASE_URL'];
    // check-proof works on a file and a key alone: it takes no store options.
    const store = args[0] === 'check-proof' ? [] : ['--data-dir', dataDir];
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'ledger', ...args, ...store], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('maestro ledger (subprocess, embedded store in a data directory)', () => {
  it('logs, queries, counts, verifies, proves and exports', async () => {
    const logged: string[] = [];
    for (const [i, type] of ['injection', 'output_leak', 'injection'].entries()) {
      const r = await maestro([
        'log',
        '--tenant',
        'acme',
        '--type',
        type,
        '--severity',
        'high',
        '--detector',
        'cli-test',
        '--lane',
        'block',
        '--preview',
        `event ${i} mail bob@example.com`,
        '--format',
        'json',
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const ack = JSON.parse(r.stdout) as { id: string; seq: number };
      expect(ack.seq).toBe(i);
      logged.push(ack.id);
    }

    const query = await maestro(['query', '--tenant', 'acme', '--type', 'injection', '--format', 'json']);
    expect(query.code).toBe(0);
    const page = JSON.parse(query.stdout) as {
      events: Array<{ id: string; preview: string }>;
      nextCursor: null;
    };
    expect(page.events.map((e) => e.id)).toEqual([logged[2], logged[0]]);
    expect(page.events[0]!.preview).not.toContain('bob@example.com');

    const table = await maestro(['query', '--tenant', 'acme']);
    expect(table.stdout).toContain('output_leak');

    const stats = await maestro([
      'stats',
      '--tenant',
      'acme',
      '--from',
      new Date(Date.now() - 3_600_000).toISOString(),
      '--format',
      'json',
    ]);
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({
      total: 3,
      topDetectors: [{ detector: 'cli-test', count: 3 }],
    });

    const verify = await maestro(['verify']);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/OK\s+tenant acme: 3 events/);

    const prove = await maestro(['prove', logged[1]!, '--tenant', 'acme', '--format', 'json']);
    expect(prove.code).toBe(0);
    const proofFile = join(dir, 'proof.json');
    writeFileSync(proofFile, prove.stdout);
    const key = await maestro(['heads', '--public-key']);
    const keyFile = join(dir, 'key.pem');
    writeFileSync(keyFile, key.stdout);
    const check = await maestro(['check-proof', proofFile, '--public-key', keyFile]);
    expect(check.stderr + check.stdout).toBe('valid: the event is in the signed tree\n');
    expect(check.code).toBe(0);
    const forged = JSON.parse(prove.stdout) as { event: { preview: string } };
    forged.event.preview = 'rewritten';
    writeFileSync(proofFile, JSON.stringify(forged));
    expect((await maestro(['check-proof', proofFile, '--public-key', keyFile])).code).toBe(2);

    const heads = await maestro(['heads', '--tenant', 'acme']);
    const witnessFile = join(dir, 'witness.jsonl');
    writeFileSync(witnessFile, heads.stdout);
    expect((await maestro(['verify', '--witness', witnessFile])).code).toBe(0);
    // A witness head that does not match what the store recomputes: exit 2, and it says why.
    const head = JSON.parse(heads.stdout.trim().split('\n')[0]!) as { rootHash: string };
    head.rootHash = '0'.repeat(64);
    writeFileSync(witnessFile, JSON.stringify(head));
    const mismatch = await maestro(['verify', '--witness', witnessFile]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stdout).toContain('TAMPERED');

    const out = join(dir, 'findings.ndjson');
    const cursor = join(dir, 'export.cursor');
    const exported = await maestro(['export', '--to', out, '--cursor-file', cursor]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain('exported 3 events');
    const findings = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { class_uid: number });
    expect(findings.map((f) => f.class_uid)).toEqual([2004, 2004, 2004]);
    const again = await maestro(['export', '--to', out, '--cursor-file', cursor]);
    expect(again.stderr).toContain('exported 0 events');
  }, 180_000);

  it('bad input is a usage or validation error with exit 1 and no stack', async () => {
    const r = await maestro([
      'log',
      '--tenant',
      'acme',
      '--type',
      'nope',
      '--severity',
      'high',
      '--detector',
      'x',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^maestro: ERR_LEDGER_INVALID_EVENT: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const q = await maestro(['query', '--tenant', 'acme', '--limit', 'lots']);
    expect(q.code).toBe(1);
    expect(q.stderr).toContain('ERR_USAGE');
  }, 60_000);
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MaestroError } from '../../errors/index.js';
import { lockDataDir } from './dataDirLock.js';

describe('the data directory lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'maestro-lock-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const lockFile = () => join(dir, 'ledger.lock');
  const refusal = (e: unknown) => e as MaestroError;

  it('is held until released, and refused a second time in the same process', async () => {
    const release = lockDataDir(dir);
    expect(readFileSync(lockFile(), 'utf8')).toMatch(new RegExp(`^${process.pid} \\d+\\n$`));
    let error: unknown;
    try {
      lockDataDir(dir);
    } catch (e) {
      error = e;
    }
    expect(refusal(error).code).toBe('ERR_LEDGER_UNAVAILABLE');
    expect(refusal(error).message).toMatch(/already open in this process/);
    await release();
    expect(existsSync(lockFile())).toBe(false);
    await lockDataDir(dir)();
  });

  it('is refused while another live process holds it', () => {
    writeFileSync(lockFile(), `${process.ppid} 0\n`);
    expect(() => lockDataDir(dir)).toThrow(/in use by another process/);
  });

  it('takes over the lock of a process that died', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(lockFile(), `${dead} 0\n`);
    const release = lockDataDir(dir);
    expect(readFileSync(lockFile(), 'utf8').startsWith(`${process.pid} `)).toBe(true);
    await release();
  });
});

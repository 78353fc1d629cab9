import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ledgerUnavailable } from './storeErrors.js';

// Identifies this process even across a restart with the same pid (pid 1 in a container).
const STARTED = Math.round(Date.now() - process.uptime() * 1000);
const OWNER = `${process.pid} ${STARTED}`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock file whose owner is this very process (another store) or another live process. */
function heldBy(content: string): 'us' | 'other' | 'nobody' {
  const [pidText, started] = content.trim().split(' ');
  const pid = Number(pidText);
  if (!Number.isSafeInteger(pid) || pid <= 0) return 'nobody';
  // Same pid: us if it started when we did (give or take clock jitter), else a previous incarnation.
  if (pid === process.pid) return Math.abs(Number(started) - STARTED) <= 1000 ? 'us' : 'nobody';
  return isAlive(pid) ? 'other' : 'nobody';
}

/**
 * Takes `<dir>/ledger.lock` for as long as an embedded store is open. PGlite does not stop two
 * processes from opening one data directory, and two writers would corrupt it. A lock left by a
 * process that died (kill -9) is taken over. Returns the release function.
 */
export function lockDataDir(dir: string): () => Promise<void> {
  const path = join(dir, 'ledger.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw ledgerUnavailable('The ledger data directory cannot be locked.', error);
      }
      let content = '';
      try {
        content = readFileSync(path, 'utf8');
      } catch {
        continue; // released meanwhile
      }
      const holder = heldBy(content);
      if (holder !== 'nobody') {
        throw ledgerUnavailable(
          holder === 'us'
            ? 'The ledger data directory is already open in this process; share one store.'
            : 'The ledger data directory is in use by another process.',
        );
      }
      try {
        unlinkSync(path); // stale: its process is gone
      } catch {}
      continue;
    }
    try {
      writeSync(fd, `${OWNER}\n`);
    } finally {
      closeSync(fd);
    }
    return async () => {
      try {
        if (readFileSync(path, 'utf8').trim() === OWNER) unlinkSync(path);
      } catch {}
    };
  }
  throw ledgerUnavailable('The ledger data directory cannot be locked.');
}

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LedgerKeyError } from './ledgerErrors.js';
import { createSigner, generateSigningKeyPem, type LedgerSigner } from './signer.js';

export const SIGNING_KEY_FILE = 'ledger-signing-key.pem';

const isPosix = process.platform !== 'win32';

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/**
 * The ledger's signing key from `<dataDir>/ledger-signing-key.pem`, created (Ed25519, mode 0600)
 * when absent. Creation is atomic and never replaces a key another process created meanwhile:
 * the key is written to a temporary file, fsynced, then hard-linked into place.
 * @throws MaestroError ERR_LEDGER_KEY when the file is not a regular file, is readable by group
 *   or others, cannot be read or written, or is not an Ed25519 private key.
 */
export function loadOrCreateSigningKey(dataDir: string): LedgerSigner {
  const file = path.join(dataDir, SIGNING_KEY_FILE);
  const existing = readKeyFile(file);
  if (existing !== undefined) return createSigner(existing);
  createKeyFile(dataDir, file);
  const created = readKeyFile(file);
  if (created === undefined) throw new LedgerKeyError('The ledger signing key could not be created.');
  return createSigner(created);
}

function readKeyFile(file: string): string | undefined {
  let fd: number;
  try {
    // O_NOFOLLOW: a symlink planted in the data directory must not redirect us to another key.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new LedgerKeyError('The ledger signing key file cannot be opened.', error);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new LedgerKeyError('The ledger signing key path is not a regular file.');
    if (isPosix && (stat.mode & 0o077) !== 0) {
      throw new LedgerKeyError(
        'The ledger signing key file is readable or writable by group or others; restrict it to mode 0600.',
      );
    }
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function createKeyFile(dataDir: string, file: string): void {
  const temp = path.join(dataDir, `.${SIGNING_KEY_FILE}.${randomBytes(8).toString('hex')}.tmp`);
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      if (isPosix) fs.fchmodSync(fd, 0o600);
      fs.writeFileSync(fd, generateSigningKeyPem());
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    publish(temp, file);
    syncDirectory(dataDir);
  } catch (error) {
    if (error instanceof LedgerKeyError) throw error;
    throw new LedgerKeyError('The ledger signing key could not be written to the data directory.', error);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** Link, not rename: linking fails when the key appeared meanwhile, so a racing key is kept. */
function publish(temp: string, file: string): void {
  try {
    fs.linkSync(temp, file);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return;
    // File systems without hard links: rename is still atomic, at the cost of the no-clobber guarantee.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV' || code === 'ENOSYS') {
      fs.renameSync(temp, file);
      return;
    }
    throw error;
  }
}

function syncDirectory(dir: string): void {
  if (!isPosix) return;
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Best effort: some file systems refuse fsync on a directory.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

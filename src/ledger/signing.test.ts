import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSigner,
  generateSigningKeyPem,
  KEY_ID_PATTERN,
  keyIdOf,
  loadOrCreateSigningKey,
  publicKeysFrom,
  SIGNING_KEY_FILE,
} from './signing.js';

const posix = process.platform !== 'win32';

describe('signing keys', () => {
  it('signs and names keys stably', () => {
    const pem = generateSigningKeyPem();
    const signer = createSigner(pem);
    expect(signer.keyId).toMatch(KEY_ID_PATTERN);
    expect(keyIdOf(signer.publicKeyPem)).toBe(signer.keyId);
    expect(createSigner(pem).keyId).toBe(signer.keyId);
    expect(keyIdOf(pem)).toBe(signer.keyId);
    expect(createSigner(generateSigningKeyPem()).keyId).not.toBe(signer.keyId);
    expect(signer.sign(Buffer.from('data'))).toHaveLength(64);
    expect(Object.isFrozen(signer)).toBe(true);
    expect(JSON.stringify(signer)).not.toContain('PRIVATE');
  });

  it('refuses keys that are not Ed25519, with ERR_LEDGER_KEY and no key material in the message', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const rsaPem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const garbage = '-----BEGIN PRIVATE KEY-----\nSECRETSECRET\n-----END PRIVATE KEY-----\n';
    for (const pem of [rsaPem, garbage, '']) {
      try {
        createSigner(pem);
        expect.unreachable();
      } catch (error) {
        expect(error).toMatchObject({ code: 'ERR_LEDGER_KEY' });
        expect((error as Error).message).not.toContain('SECRET');
        expect(JSON.stringify(error)).not.toContain('SECRET');
      }
    }
    const rsaPublic = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => keyIdOf(rsaPublic)).toThrow(expect.objectContaining({ code: 'ERR_LEDGER_KEY' }));
    expect(() => publicKeysFrom([rsaPublic])).toThrow(expect.objectContaining({ code: 'ERR_LEDGER_KEY' }));
  });

  it('looks up trusted public keys by key id', () => {
    const a = createSigner(generateSigningKeyPem());
    const b = createSigner(generateSigningKeyPem());
    const keys = publicKeysFrom([a.publicKeyPem]);
    expect(keys(a.keyId)).toBe(a.publicKeyPem);
    expect(keys(b.keyId)).toBeUndefined();
  });
});

describe('loadOrCreateSigningKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maestro-ledger-key-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates the key file with mode 0600 once and loads the same key afterwards', () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const first = loadOrCreateSigningKey(dataDir);
    const file = path.join(dataDir, SIGNING_KEY_FILE);
    if (posix) expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(loadOrCreateSigningKey(dataDir).keyId).toBe(first.keyId);
    // No temporary files are left behind.
    expect(fs.readdirSync(dataDir)).toEqual([SIGNING_KEY_FILE]);
  });

  it.skipIf(!posix)('refuses a key file that group or others can read', () => {
    const file = path.join(dir, SIGNING_KEY_FILE);
    fs.writeFileSync(file, generateSigningKeyPem(), { mode: 0o600 });
    fs.chmodSync(file, 0o644);
    expect(() => loadOrCreateSigningKey(dir)).toThrow(expect.objectContaining({ code: 'ERR_LEDGER_KEY' }));
    fs.chmodSync(file, 0o640);
    expect(() => loadOrCreateSigningKey(dir)).toThrow(expect.objectContaining({ code: 'ERR_LEDGER_KEY' }));
    fs.chmodSync(file, 0o600);
    expect(loadOrCreateSigningKey(dir).keyId).toMatch(KEY_ID_PATTERN);
  });

  it.skipIf(!posix)('refuses a symlink, a directory, and a key that is not Ed25519', () => {
    const elsewhere = path.join(dir, 'elsewhere.pem');
    fs.writeFileSync(elsewhere, generateSigningKeyPem(), { mode: 0o600 });
    const linkDir = path.join(dir, 'link');
    fs.mkdirSync(linkDir);
    fs.symlinkSync(elsewhere, path.join(linkDir, SIGNING_KEY_FILE));
    expect(() => loadOrCreateSigningKey(linkDir)).toThrow(
      expect.objectContaining({ code: 'ERR_LEDGER_KEY' }),
    );

    const dirDir = path.join(dir, 'dir');
    fs.mkdirSync(path.join(dirDir, SIGNING_KEY_FILE), { recursive: true, mode: 0o700 });
    expect(() => loadOrCreateSigningKey(dirDir)).toThrow(expect.objectContaining({ code: 'ERR_LEDGER_KEY' }));

    const rsaDir = path.join(dir, 'rsa');
    fs.mkdirSync(rsaDir);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    fs.writeFileSync(path.join(rsaDir, SIGNING_KEY_FILE), rsa, { mode: 0o600 });
    expect(() => loadOrCreateSigningKey(rsaDir)).toThrow(expect.objectContaining({ code: 'ERR_LEDGER_KEY' }));
  });

  it('keeps a key another process created first', () => {
    const existing = generateSigningKeyPem();
    fs.writeFileSync(path.join(dir, SIGNING_KEY_FILE), existing, { mode: 0o600 });
    expect(loadOrCreateSigningKey(dir).keyId).toBe(createSigner(existing).keyId);
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../detectSecrets.js';
import { BASE64, randomOf, seeded } from '../fixtures/tokens.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const sec1 = ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString();
const encrypted = rsa.privateKey
  .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' })
  .toString();
const publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const der = rsa.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
const rand = seeded(7);

function only(text: string) {
  const matches = detectSecrets(text, { fingerprintKey: 'k' });
  expect(matches).toHaveLength(1);
  return matches[0]!;
}

describe('private keys', () => {
  it.each([
    ['PKCS#8', pkcs8],
    ['PKCS#1 RSA', pkcs1],
    ['SEC1 EC', sec1],
  ])('finds a %s PEM key and spans BEGIN to END', (_name, pem) => {
    const key = pem.trim();
    const text = `config:\n${key}\ntrailer`;
    const m = only(text);
    expect(m).toMatchObject({ type: 'secret:private-key', confidence: 0.95 });
    expect(text.slice(m.start, m.end)).toBe(key);
  });

  it('finds a key written as an escaped string in code and in a log', () => {
    const escaped = `const KEY = "${pkcs8.trim().replaceAll('\n', '\\n')}";`;
    expect(only(escaped).type).toBe('secret:private-key');
    const logged = pkcs8
      .trim()
      .split('\n')
      .map((line) => `#6 0.245 ${line}`)
      .join('\n');
    expect(only(logged).confidence).toBe(0.95);
  });

  it('finds an OpenSSH key by its openssh-key-v1 magic', () => {
    const body = `b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ${randomOf(BASE64, 300, rand)}`;
    const lines = body.match(/.{1,70}/g)!.join('\n');
    const m = only(`-----BEGIN OPENSSH PRIVATE KEY-----\n${lines}\n-----END OPENSSH PRIVATE KEY-----`);
    expect(m.confidence).toBe(0.95);
  });

  it('finds an unarmoured base64 DER private key', () => {
    const text = `<data>${der}</data>`;
    const m = only(text);
    expect(m).toMatchObject({ type: 'secret:private-key', confidence: 0.85 });
    expect(text.slice(m.start, m.end)).toBe(der);
  });

  it('reports an encrypted key below the reporting threshold', () => {
    expect(only(encrypted).confidence).toBe(0.4);
    expect(detectSecrets(encrypted, { minConfidence: 0.5 })).toEqual([]);
  });

  it('ignores public keys, fake bodies, ellipses, unknown labels and unterminated blocks', () => {
    expect(detectSecrets(publicPem)).toEqual([]);
    expect(detectSecrets(rsa.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'))).toEqual(
      [],
    );
    const fake =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nsomethingSuperRandomAndSecretHereThatShouldNeverBeShared\n-----END OPENSSH PRIVATE KEY-----';
    expect(detectSecrets(fake)).toEqual([]);
    const ellipsis = `-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----`;
    expect(detectSecrets(ellipsis)).toEqual([]);
    const body = randomOf(BASE64, 64 * 12, rand)
      .match(/.{64}/g)!
      .join('\n');
    expect(
      detectSecrets(`-----BEGIN FAKE PRIVATE KEY-----\n${body}\n-----END FAKE PRIVATE KEY-----`),
    ).toEqual([]);
    expect(detectSecrets(`header="-----BEGIN RSA PRIVATE KEY-----"`)).toEqual([]);
  });

  it('gives one fingerprint to one key however it is wrapped', () => {
    const plain = only(pkcs8).fingerprint;
    const escaped = only(`"${pkcs8.replaceAll('\n', '\\n')}"`).fingerprint;
    expect(escaped).toBe(plain);
  });
});

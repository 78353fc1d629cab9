import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
} from 'node:crypto';
import { LedgerKeyError } from './ledgerErrors.js';

/** Signs tree heads. The private key never leaves the object; `keyId` names the public half. */
export interface LedgerSigner {
  readonly keyId: string;
  readonly publicKeyPem: string;
  sign(data: Uint8Array): Buffer;
}

/** Resolves a key id to the PEM of a public key, or undefined when the key is not trusted. */
export type PublicKeyLookup = (keyId: string) => string | undefined;

export const KEY_ID_PATTERN = /^ed25519:[0-9a-f]{16}$/;

function ed25519Public(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new LedgerKeyError('The public key is not a readable PEM key.', error);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new LedgerKeyError('The public key is not an Ed25519 key.');
  return key;
}

function keyIdOfKey(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `ed25519:${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
}

/**
 * "ed25519:" and the first 16 hex digits of the SHA-256 of the key's SPKI DER encoding.
 * @throws MaestroError ERR_LEDGER_KEY when the PEM is not an Ed25519 key.
 */
export function keyIdOf(publicKeyPem: string): string {
  return keyIdOfKey(ed25519Public(publicKeyPem));
}

/** @throws MaestroError ERR_LEDGER_KEY when the PEM is not an Ed25519 private key. */
export function createSigner(privateKeyPem: string): LedgerSigner {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(privateKeyPem);
  } catch (error) {
    // The cause may quote the PEM: keep it off the message (MaestroError never serialises a cause).
    throw new LedgerKeyError('The signing key is not a readable PEM private key.', error);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new LedgerKeyError('The signing key is not an Ed25519 key.');
  }
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const keyId = keyIdOfKey(publicKey);
  return Object.freeze({
    keyId,
    publicKeyPem,
    sign: (data: Uint8Array): Buffer => sign(null, data, privateKey),
  });
}

/** A new Ed25519 private key, PKCS#8 PEM. */
export function generateSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/**
 * A lookup over trusted public keys (PEM; a private key PEM contributes its public half).
 * @throws MaestroError ERR_LEDGER_KEY when one is not an Ed25519 key.
 */
export function publicKeysFrom(pems: readonly string[]): PublicKeyLookup {
  const byId = new Map<string, string>();
  for (const pem of pems) {
    const key = ed25519Public(pem);
    byId.set(keyIdOfKey(key), key.export({ type: 'spki', format: 'pem' }).toString());
  }
  return (keyId) => byId.get(keyId);
}

import { createHmac, randomBytes } from 'node:crypto';

/** The environment variable holding the per-deployment fingerprint key. */
export const FINGERPRINT_KEY_ENV = 'MAESTRO_FINGERPRINT_KEY';

export type FingerprintKey = Uint8Array | string;

let processKey: Uint8Array | undefined;

/**
 * The key fingerprints are computed under: the given key, else `MAESTRO_FINGERPRINT_KEY` (its
 * UTF-8 bytes), else a random 32-byte key made once per process. Fingerprints are comparable only
 * under one key: set the variable to the same value on every replica of a deployment to follow one
 * leaked secret across processes, and keep it secret (with the key, a guessed secret can be
 * confirmed against a fingerprint). Empty keys count as unset.
 */
export function resolveFingerprintKey(
  key?: FingerprintKey,
  env: NodeJS.ProcessEnv = process.env,
): FingerprintKey {
  if (key !== undefined && key.length > 0) return key;
  const fromEnv = env[FINGERPRINT_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.length > 0) return fromEnv;
  processKey ??= new Uint8Array(randomBytes(32));
  return processKey;
}

/** Hex HMAC-SHA256 of `value` (UTF-8) under `key`: stable per key, reveals nothing of the value. */
export function fingerprint(value: string, key: FingerprintKey): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

import { createHash } from 'node:crypto';

/**
 * A digest of what decides: the composed schema and every policy's id and text, in id order.
 * Two engines with the same fingerprint decide alike; a changed fingerprint is a policy change
 * (C13: policies versioned as code; log it, compare it with the last run).
 */
export function policySetFingerprint(
  schemaText: string,
  policies: ReadonlyArray<{ readonly id: string; readonly text: string }>,
): string {
  const hash = createHash('sha256');
  hash.update(`schema\u0000${schemaText}\u0000`);
  const sorted = [...policies].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const policy of sorted) hash.update(`policy\u0000${policy.id}\u0000${policy.text}\u0000`);
  return `sha256:${hash.digest('hex')}`;
}

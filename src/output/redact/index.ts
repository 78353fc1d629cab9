export {
  canonicalValue,
  MIN_KEY_BYTES,
  pseudonym,
  type RedactOptions,
  type RedactResult,
  type Replacement,
  redact,
} from './redact.js';
export { type Ranged, resolveMatches, resolveOverlaps } from './resolve.js';
export { createVault, replaceTokens, tokenLabel, type Vault } from './vault.js';

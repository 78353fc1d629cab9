export {
  type DetectSecretsOptions,
  detectSecrets,
  SECRET_LABEL,
  SECRET_REPORT_THRESHOLD,
} from './detectSecrets.js';
export {
  FINGERPRINT_KEY_ENV,
  type FingerprintKey,
  fingerprint,
  resolveFingerprintKey,
} from './fingerprint.js';
export { PROVIDERS, type ProviderSpec } from './providers.js';
export { DETECTOR_IDS, type DetectorId } from './types.js';

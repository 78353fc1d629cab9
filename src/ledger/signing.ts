/** Ed25519 signing of tree heads: keys, key ids, and the key file in the data directory. */
export {
  createSigner,
  generateSigningKeyPem,
  KEY_ID_PATTERN,
  keyIdOf,
  type LedgerSigner,
  type PublicKeyLookup,
  publicKeysFrom,
} from './signer.js';
export { loadOrCreateSigningKey, SIGNING_KEY_FILE } from './signingKeyFile.js';

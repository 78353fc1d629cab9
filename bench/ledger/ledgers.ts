import { createLedger, createSigner, generateSigningKeyPem, type Ledger } from '../../src/ledger/index.js';
import type { BenchEngine } from './engines.js';

// One throwaway key for the whole run: the default would write a key file into ./.maestro.
const signer = createSigner(generateSigningKeyPem());

/** A ledger with the default writer settings on the engine's store, which outlives it. */
export function benchLedger(engine: BenchEngine): Ledger {
  return createLedger({ store: engine.store, signer, closeStore: false });
}

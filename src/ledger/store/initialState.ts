import { MerkleFrontier } from '../frontier.js';
import { GENESIS_CHAIN_HASH } from '../hashes.js';

/** Where every tenant's log starts: the genesis chain hash and the empty Merkle frontier. */
export function initialTenantState() {
  return { chainHash: Buffer.from(GENESIS_CHAIN_HASH), frontier: MerkleFrontier.empty().toJSON() };
}

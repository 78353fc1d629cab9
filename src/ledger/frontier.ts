import { z } from 'zod';
import { EMPTY_TREE_ROOT, HASH_BYTES, nodeHash } from './hashes.js';
import { LedgerTamperedError } from './ledgerErrors.js';

/** The persisted form of a frontier: the tree size and its perfect-subtree roots, left to right. */
export interface FrontierJson {
  size: number;
  hashes: string[];
}

const MAX_HASHES = 64;

export const frontierJsonSchema = z.strictObject({
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  hashes: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(MAX_HASHES),
});

/** Number of set bits of a safe integer (bit operations would stop at 2^32). */
function popcount(n: number): number {
  let count = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) count += x % 2;
  return count;
}

/**
 * The compact range of an append-only Merkle tree: one root per perfect subtree, one per set
 * bit of the size, largest (leftmost) first. Appending is a binary-counter carry (O(log n) node
 * hashes, amortised one); the root folds the subtrees right to left, which is exactly MTH for the
 * left-balanced trees of RFC 6962. A writer persists it with `toJSON` to resume after a restart.
 */
export class MerkleFrontier {
  #size: number;
  readonly #hashes: Buffer[];

  private constructor(size: number, hashes: Buffer[]) {
    this.#size = size;
    this.#hashes = hashes;
  }

  static empty(): MerkleFrontier {
    return new MerkleFrontier(0, []);
  }

  /** @throws MaestroError ERR_LEDGER_TAMPERED when the stored frontier is malformed or inconsistent. */
  static fromJSON(json: FrontierJson): MerkleFrontier {
    const parsed = frontierJsonSchema.safeParse(json);
    if (!parsed.success) throw new LedgerTamperedError('The stored Merkle frontier is malformed.');
    const { size, hashes } = parsed.data;
    if (hashes.length !== popcount(size)) {
      throw new LedgerTamperedError('The stored Merkle frontier does not match its tree size.');
    }
    return new MerkleFrontier(
      size,
      hashes.map((hex) => Buffer.from(hex, 'hex')),
    );
  }

  get size(): number {
    return this.#size;
  }

  /** Appends one leaf hash (32 bytes). */
  push(leaf: Uint8Array): void {
    if (leaf.length !== HASH_BYTES) throw new RangeError('A Merkle leaf hash must be 32 bytes.');
    if (this.#size >= Number.MAX_SAFE_INTEGER) throw new RangeError('The Merkle tree is full.');
    let hash: Buffer = Buffer.from(leaf);
    // Each trailing set bit of the old size is a perfect subtree of the new leaf's height: merge it.
    for (let n = this.#size; n % 2 === 1; n = Math.floor(n / 2)) {
      hash = nodeHash(this.#hashes.pop()!, hash);
    }
    this.#hashes.push(hash);
    this.#size += 1;
  }

  /** MTH of every leaf pushed so far (the empty-tree root when none). */
  root(): Buffer {
    const hashes = this.#hashes;
    if (hashes.length === 0) return Buffer.from(EMPTY_TREE_ROOT);
    let root = hashes[hashes.length - 1]!;
    for (let i = hashes.length - 2; i >= 0; i--) root = nodeHash(hashes[i]!, root);
    return hashes.length === 1 ? Buffer.from(root) : root;
  }

  clone(): MerkleFrontier {
    return new MerkleFrontier(this.#size, [...this.#hashes]);
  }

  toJSON(): FrontierJson {
    return { size: this.#size, hashes: this.#hashes.map((hash) => hash.toString('hex')) };
  }
}

import { MaestroError } from '../errors/index.js';
import { bytesEqual, EMPTY_TREE_ROOT, HASH_BYTES, nodeHash } from './hashes.js';

/*
 * RFC 6962 / RFC 9162 §2.1 Merkle trees over leaf hashes. Every `leaves` argument holds leaf
 * hashes (already SHA-256(0x00 || data), see `leafHash`), not raw entries. Sizes and indices are
 * safe integers handled with arithmetic rather than 32-bit bit operations, so logs may exceed 2^31.
 */

/** The largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isOdd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

/** MTH(leaves[lo:hi]), bottom-up: an odd last node is carried up, which yields RFC 6962's split. */
function subtreeRoot(leaves: readonly Uint8Array[], lo: number, hi: number): Buffer {
  if (hi - lo === 1) return Buffer.from(leaves[lo]!);
  let level: Uint8Array[] = [];
  for (let i = lo; i + 1 < hi; i += 2) level.push(nodeHash(leaves[i]!, leaves[i + 1]!));
  if (isOdd(hi - lo)) level.push(leaves[hi - 1]!);
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i]!, level[i + 1]!));
    if (isOdd(level.length)) next.push(level[level.length - 1]!);
    level = next;
  }
  return Buffer.from(level[0]!);
}

function checkSize(name: string, size: number, max: number): void {
  if (!Number.isSafeInteger(size) || size < 0 || size > max) {
    throw new MaestroError('ERR_LEDGER_NOT_FOUND', {
      message: `The ${name} is not within the ${max} leaves available.`,
    });
  }
}

/** MTH(D[n]) of RFC 6962 §2.1. */
export function merkleRoot(leaves: readonly Uint8Array[]): Buffer {
  return leaves.length === 0 ? Buffer.from(EMPTY_TREE_ROOT) : subtreeRoot(leaves, 0, leaves.length);
}

/**
 * PATH(index, D[treeSize]) of RFC 6962 §2.1.1: the audit path from the leaf up, siblings only.
 * @throws MaestroError ERR_LEDGER_NOT_FOUND when treeSize exceeds the leaves or index ≥ treeSize.
 */
export function inclusionProof(
  leaves: readonly Uint8Array[],
  index: number,
  treeSize: number = leaves.length,
): Buffer[] {
  checkSize('tree size', treeSize, leaves.length);
  checkSize('leaf index', index, treeSize - 1);
  const siblings: Buffer[] = [];
  let lo = 0;
  let hi = treeSize;
  let m = index;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (m < k) {
      siblings.push(subtreeRoot(leaves, lo + k, hi));
      hi = lo + k;
    } else {
      siblings.push(subtreeRoot(leaves, lo, lo + k));
      lo += k;
      m -= k;
    }
  }
  return siblings.reverse();
}

/** RFC 9162 §2.1.3.2: does `proof` lead from the leaf hash at `index` to `root` in a tree of `treeSize`? */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) {
    return false;
  }
  if (leaf.length !== HASH_BYTES || root.length !== HASH_BYTES) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0 || p.length !== HASH_BYTES) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(r, root);
}

/**
 * PROOF(oldSize, D[newSize]) of RFC 6962 §2.1.2. Empty when oldSize is 0 or equals newSize.
 * @throws MaestroError ERR_LEDGER_NOT_FOUND when the sizes are out of order or exceed the leaves.
 */
export function consistencyProof(
  leaves: readonly Uint8Array[],
  oldSize: number,
  newSize: number = leaves.length,
): Buffer[] {
  checkSize('new tree size', newSize, leaves.length);
  checkSize('old tree size', oldSize, newSize);
  if (oldSize === 0 || oldSize === newSize) return [];
  // SUBPROOF(m, D[lo:hi], b), unrolled: each step descends one side and records the other.
  const nodes: Buffer[] = [];
  let lo = 0;
  let hi = newSize;
  let m = oldSize;
  let whole = true;
  while (m !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (m <= k) {
      nodes.push(subtreeRoot(leaves, lo + k, hi));
      hi = lo + k;
    } else {
      nodes.push(subtreeRoot(leaves, lo, lo + k));
      lo += k;
      m -= k;
      whole = false;
    }
  }
  if (!whole) nodes.push(subtreeRoot(leaves, lo, hi));
  return nodes.reverse();
}

/**
 * RFC 9162 §2.1.4.2: is the tree of `newSize` with `newRoot` an append-only extension of the
 * tree of `oldSize` with `oldRoot`? Size 0 is consistent with anything (with an empty proof).
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) {
    return false;
  }
  if (oldRoot.length !== HASH_BYTES || newRoot.length !== HASH_BYTES) return false;
  if (proof.some((node) => node.length !== HASH_BYTES)) return false;
  if (oldSize === 0) return proof.length === 0 && bytesEqual(oldRoot, EMPTY_TREE_ROOT);
  if (oldSize === newSize) return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  if (proof.length === 0) return false;
  const path: readonly Uint8Array[] = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot);
}

function isPowerOfTwo(n: number): boolean {
  let x = n;
  while (x > 1 && !isOdd(x)) x = half(x);
  return x === 1;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MerkleFrontier } from './frontier.js';
import { EMPTY_TREE_ROOT, leafHash } from './hashes.js';
import { merkleRoot } from './merkle.js';

const leavesOf = (n: number): Buffer[] =>
  Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const popcount = (n: number): number => n.toString(2).replaceAll('0', '').length;

describe('MerkleFrontier', () => {
  const leaves = leavesOf(300);

  it('has the root of merkleRoot at every size 0..300 and survives toJSON/fromJSON at each', () => {
    const frontier = MerkleFrontier.empty();
    const failures: string[] = [];
    for (let n = 0; n <= 300; n++) {
      if (n > 0) frontier.push(leaves[n - 1]!);
      const expected = hex(merkleRoot(leaves.slice(0, n)));
      if (frontier.size !== n) failures.push(`size ${frontier.size} ≠ ${n}`);
      if (hex(frontier.root()) !== expected) failures.push(`root at ${n}`);
      const json = frontier.toJSON();
      if (json.hashes.length !== popcount(n)) failures.push(`${json.hashes.length} hashes at ${n}`);
      const restored = MerkleFrontier.fromJSON(JSON.parse(JSON.stringify(json)));
      if (hex(restored.root()) !== expected || restored.size !== n) failures.push(`restored at ${n}`);
      // A restored frontier keeps appending exactly like the original.
      if (n < 300) {
        restored.push(leaves[n]!);
        if (hex(restored.root()) !== hex(merkleRoot(leaves.slice(0, n + 1))))
          failures.push(`resumed at ${n}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('starts empty with the empty-tree root', () => {
    const frontier = MerkleFrontier.empty();
    expect(frontier.size).toBe(0);
    expect(hex(frontier.root())).toBe(hex(EMPTY_TREE_ROOT));
    expect(frontier.toJSON()).toEqual({ size: 0, hashes: [] });
  });

  it('clones independently and never shares mutable state with callers', () => {
    const frontier = MerkleFrontier.empty();
    for (const leaf of leaves.slice(0, 5)) frontier.push(leaf);
    const copy = frontier.clone();
    copy.push(leaves[5]!);
    expect(frontier.size).toBe(5);
    expect(hex(frontier.root())).toBe(hex(merkleRoot(leaves.slice(0, 5))));
    expect(hex(copy.root())).toBe(hex(merkleRoot(leaves.slice(0, 6))));
    // Mutating what was pushed, or what root() returned, changes nothing inside.
    const leaf = Buffer.from(leaves[6]!);
    copy.push(leaf);
    leaf.fill(0);
    copy.root().fill(0);
    expect(hex(copy.root())).toBe(hex(merkleRoot(leaves.slice(0, 7))));
    const single = MerkleFrontier.empty();
    single.push(leaves[0]!);
    single.root().fill(0);
    expect(hex(single.root())).toBe(hex(leaves[0]!));
  });

  it('refuses leaves that are not 32-byte hashes', () => {
    expect(() => MerkleFrontier.empty().push(new Uint8Array(31))).toThrow(RangeError);
  });

  it('refuses stored frontiers that are malformed or inconsistent with ERR_LEDGER_TAMPERED', () => {
    const frontier = MerkleFrontier.empty();
    for (const leaf of leaves.slice(0, 6)) frontier.push(leaf);
    const good = frontier.toJSON();
    const tampered = [
      { ...good, size: 7 },
      { ...good, size: 4 },
      { ...good, hashes: good.hashes.slice(1) },
      { ...good, hashes: [...good.hashes, good.hashes[0]!] },
      { ...good, hashes: [good.hashes[0]!.toUpperCase(), good.hashes[1]!] },
      { ...good, hashes: [good.hashes[0]!.slice(2), good.hashes[1]!] },
      { ...good, size: -1 },
      { ...good, size: 1.5 },
      { ...good, extra: true },
      { size: 6 },
      null,
    ];
    for (const json of tampered) {
      expect(() => MerkleFrontier.fromJSON(json as never)).toThrow(
        expect.objectContaining({ code: 'ERR_LEDGER_TAMPERED' }),
      );
    }
  });

  it('property: any split of pushes, persisted in between, gives merkleRoot', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), (total, at) => {
        const cut = Math.min(at, total);
        const first = MerkleFrontier.empty();
        for (const leaf of leaves.slice(0, cut)) first.push(leaf);
        const second = MerkleFrontier.fromJSON(first.toJSON());
        for (const leaf of leaves.slice(cut, total)) second.push(leaf);
        expect(hex(second.root())).toBe(hex(merkleRoot(leaves.slice(0, total))));
      }),
      { numRuns: 100 },
    );
  });
});

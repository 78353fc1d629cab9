import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_TREE_ROOT, leafHash, nodeHash } from './hashes.js';
import {
  consistencyProof,
  inclusionProof,
  merkleRoot,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';

/*
 * A deliberately naive reference, written straight from the definitions of RFC 6962 §2.1 and
 * using node:crypto directly, not the module under test. It works on leaf hashes, as the module
 * does, over index ranges [lo, hi) of one array; MTH is memoised only to keep the suite fast.
 */
const H = (...parts: Uint8Array[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const refLeaf = (data: Uint8Array): Buffer => H(Buffer.from([0]), data);
const split = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

function reference(D: readonly Uint8Array[]) {
  const memo = new Map<string, Buffer>();
  function MTH(lo: number, hi: number): Buffer {
    const key = `${lo}:${hi}`;
    let root = memo.get(key);
    if (root === undefined) {
      const n = hi - lo;
      if (n === 0) root = H();
      else if (n === 1) root = Buffer.from(D[lo]!);
      else {
        const k = split(n);
        root = H(Buffer.from([1]), MTH(lo, lo + k), MTH(lo + k, hi));
      }
      memo.set(key, root);
    }
    return root;
  }
  /** PATH(m, D[lo:hi]) */
  function PATH(m: number, lo: number, hi: number): Buffer[] {
    const n = hi - lo;
    if (n === 1) return [];
    const k = split(n);
    return m < k ? [...PATH(m, lo, lo + k), MTH(lo + k, hi)] : [...PATH(m - k, lo + k, hi), MTH(lo, lo + k)];
  }
  /** SUBPROOF(m, D[lo:hi], b) */
  function SUBPROOF(m: number, lo: number, hi: number, b: boolean): Buffer[] {
    const n = hi - lo;
    if (m === n) return b ? [] : [MTH(lo, hi)];
    const k = split(n);
    return m <= k
      ? [...SUBPROOF(m, lo, lo + k, b), MTH(lo + k, hi)]
      : [...SUBPROOF(m - k, lo + k, hi, false), MTH(lo, lo + k)];
  }
  return {
    root: (n: number) => MTH(0, n),
    path: (m: number, n: number) => PATH(m, 0, n),
    proof: (m: number, n: number) => SUBPROOF(m, 0, n, true),
  };
}

/** The root an audit path claims, by inverting PATH's recursion; undefined when the shape is wrong. */
function rootFromPath(
  m: number,
  n: number,
  leaf: Uint8Array,
  path: readonly Uint8Array[],
): Buffer | undefined {
  if (m < 0 || m >= n || path.some((p) => p.length !== 32) || leaf.length !== 32) return undefined;
  if (n === 1) return path.length === 0 ? Buffer.from(leaf) : undefined;
  if (path.length === 0) return undefined;
  const k = split(n);
  const sibling = path[path.length - 1]!;
  const rest = path.slice(0, -1);
  if (m < k) {
    const left = rootFromPath(m, k, leaf, rest);
    return left && H(Buffer.from([1]), left, sibling);
  }
  const right = rootFromPath(m - k, n - k, leaf, rest);
  return right && H(Buffer.from([1]), sibling, right);
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const leavesOf = (n: number): Buffer[] =>
  Array.from({ length: n }, (_, i) => refLeaf(Buffer.from(`entry ${i}`)));
const flip = (b: Uint8Array, byte: number): Buffer => {
  const copy = Buffer.from(b);
  copy[byte % copy.length]! ^= 0x01;
  return copy;
};

/**
 * Collects failed expectations of the exhaustive loops (hundreds of thousands of checks) and
 * asserts once, which keeps the suite fast; each entry says which check failed where.
 */
function collector() {
  const failures: string[] = [];
  return {
    is(actual: unknown, expected: unknown, label: string): void {
      if (actual !== expected) failures.push(`${label}: got ${String(actual)}, expected ${String(expected)}`);
    },
    done(): void {
      expect(failures.slice(0, 20)).toEqual([]);
    },
  };
}

// Certificate Transparency's reference entries and the published roots of their trees of size 0..8.
const CT_ENTRIES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('merkle: published vectors', () => {
  const leaves = CT_ENTRIES.map((entry) => leafHash(Buffer.from(entry, 'hex')));

  it('reproduces the Certificate Transparency roots for sizes 0..8', () => {
    expect(hex(EMPTY_TREE_ROOT)).toBe(CT_ROOTS[0]);
    for (let n = 0; n <= 8; n++) expect(hex(merkleRoot(leaves.slice(0, n)))).toBe(CT_ROOTS[n]);
  });

  it('reproduces the published audit paths of leaves 0 and 5 in the tree of 8', () => {
    expect(inclusionProof(leaves, 0).map(hex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(inclusionProof(leaves, 5).map(hex)).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
  });

  it('separates leaves from nodes (0x00 / 0x01 prefixes)', () => {
    const a = Buffer.alloc(32, 1);
    const b = Buffer.alloc(32, 2);
    expect(hex(nodeHash(a, b))).toBe(hex(H(Buffer.from([1]), a, b)));
    expect(hex(leafHash(Buffer.concat([a, b])))).toBe(hex(H(Buffer.from([0]), a, b)));
    expect(hex(leafHash(Buffer.concat([a, b])))).not.toBe(hex(nodeHash(a, b)));
  });
});

describe('merkle: against the reference implementation', () => {
  const all = leavesOf(300);
  const ref = reference(all);

  it('computes MTH for every tree size 0..300', () => {
    for (let n = 0; n <= 300; n++)
      expect(hex(merkleRoot(all.slice(0, n))), `size ${n}`).toBe(hex(ref.root(n)));
  });
});

describe('merkle: inclusion proofs for every (index, size) up to 130', () => {
  const all = leavesOf(131);
  const ref = reference(all);
  const same = (claimed: Buffer | undefined, root: Buffer): boolean => claimed?.equals(root) === true;

  it('are PATH(m, D[n]), verify, and fail for any flipped byte of leaf, path or root, or a wrong index or size', () => {
    const c = collector();
    for (let n = 1; n <= 130; n++) {
      const root = ref.root(n);
      for (let m = 0; m < n; m++) {
        const at = `leaf ${m} of ${n}`;
        const leaf = all[m]!;
        const proof = inclusionProof(all, m, n);
        c.is(proof.map(hex).join(), ref.path(m, n).map(hex).join(), `PATH of ${at}`);
        c.is(verifyInclusion(leaf, m, n, proof, root), true, `verify ${at}`);
        // A different byte and path element each time, so that over the sweep every position is hit.
        const byte = (m * 31 + n) % 32;
        const i = proof.length > 0 ? (m + n) % proof.length : -1;
        const tampered: Array<[string, () => boolean, boolean]> = [
          ['flipped leaf', () => verifyInclusion(flip(leaf, byte), m, n, proof, root), false],
          ['flipped root', () => verifyInclusion(leaf, m, n, proof, flip(root, byte)), false],
          [
            `flipped path[${i}]`,
            () =>
              verifyInclusion(
                leaf,
                m,
                n,
                proof.map((p, j) => (j === i ? flip(p, byte) : p)),
                root,
              ),
            i < 0,
          ],
          ['longer path', () => verifyInclusion(leaf, m, n, [...proof, root], root), false],
          ['shorter path', () => verifyInclusion(leaf, m, n, proof.slice(1), root), proof.length === 0],
          ['next index', () => verifyInclusion(leaf, (m + 1) % n, n, proof, root), n === 1],
        ];
        // Another size is accepted exactly when the recursive definition also accepts it: a size
        // is only meaningful together with the signed root it came with.
        for (const size of [n + 1, n - 1, 2 * n]) {
          tampered.push([
            `size ${size}`,
            () => verifyInclusion(leaf, m, size, proof, root),
            same(rootFromPath(m, size, leaf, proof), root),
          ]);
        }
        // Four kinds per pair, rotating: every kind meets every tree size many times over the sweep.
        for (let k = 0; k < 4; k++) {
          const [name, run, expected] = tampered[(m * 4 + n + k) % tampered.length]!;
          c.is(run(), expected, `${name}, ${at}`);
        }
      }
    }
    c.done();
  });

  it('rejects out-of-range arguments and malformed hashes', () => {
    const root = merkleRoot(all.slice(0, 5));
    const proof = inclusionProof(all, 2, 5);
    expect(verifyInclusion(all[2]!, 5, 5, proof, root)).toBe(false);
    expect(verifyInclusion(all[2]!, -1, 5, proof, root)).toBe(false);
    expect(verifyInclusion(all[2]!, 2.5, 5, proof, root)).toBe(false);
    expect(verifyInclusion(all[2]!.subarray(0, 31), 2, 5, proof, root)).toBe(false);
    expect(verifyInclusion(all[2]!, 2, 5, [proof[0]!.subarray(1), ...proof.slice(1)], root)).toBe(false);
    expect(() => inclusionProof(all, 5, 5)).toThrow(
      expect.objectContaining({ code: 'ERR_LEDGER_NOT_FOUND' }),
    );
    expect(() => inclusionProof(all, 0, 132)).toThrow(
      expect.objectContaining({ code: 'ERR_LEDGER_NOT_FOUND' }),
    );
  });
});

describe('merkle: consistency proofs for every 1 ≤ m ≤ n ≤ 130', () => {
  const all = leavesOf(131);
  const ref = reference(all);
  const roots = Array.from({ length: 132 }, (_, n) => ref.root(n));

  it('are PROOF(m, D[n]), verify, and fail for flipped bytes, wrong sizes or wrong roots', () => {
    const proofs = new Map<string, Buffer[]>();
    const proofOf = (m: number, n: number): Buffer[] => {
      let proof = proofs.get(`${m}/${n}`);
      if (proof === undefined) {
        proof = consistencyProof(all, m, n);
        proofs.set(`${m}/${n}`, proof);
      }
      return proof;
    };
    const c = collector();
    for (let n = 1; n <= 130; n++) {
      for (let m = 1; m <= n; m++) {
        const at = `${m} → ${n}`;
        const proof = proofOf(m, n);
        c.is(proof.map(hex).join(), ref.proof(m, n).map(hex).join(), `PROOF(${at})`);
        c.is(verifyConsistency(m, n, roots[m]!, roots[n]!, proof), true, `verify ${at}`);
        const byte = (m * 17 + n) % 32;
        const i = proof.length > 0 ? (m + n) % proof.length : -1;
        const [oldRoot, newRoot] = [roots[m]!, roots[n]!];
        const tampered: Array<[string, () => boolean, boolean]> = [
          ['flipped old root', () => verifyConsistency(m, n, flip(oldRoot, byte), newRoot, proof), false],
          ['flipped new root', () => verifyConsistency(m, n, oldRoot, flip(newRoot, byte), proof), false],
          [
            `flipped proof[${i}]`,
            () =>
              verifyConsistency(
                m,
                n,
                oldRoot,
                newRoot,
                proof.map((p, j) => (j === i ? flip(p, byte) : p)),
              ),
            i < 0,
          ],
          ['longer proof', () => verifyConsistency(m, n, oldRoot, newRoot, [...proof, newRoot]), false],
        ];
        if (m < n) {
          // Under collision resistance a proof verifies for other sizes only if it is also their proof.
          const alsoNext =
            proof.map(hex).join() ===
            proofOf(m + 1, n)
              .map(hex)
              .join();
          tampered.push(
            ['empty proof', () => verifyConsistency(m, n, oldRoot, newRoot, []), false],
            ['old size + 1', () => verifyConsistency(m + 1, n, roots[m + 1]!, newRoot, proof), alsoNext],
            ['new size + 1', () => verifyConsistency(m, n + 1, oldRoot, roots[n + 1]!, proof), false],
            ['shorter proof', () => verifyConsistency(m, n, oldRoot, newRoot, proof.slice(0, -1)), false],
            ['roots swapped', () => verifyConsistency(m, n, newRoot, oldRoot, proof), false],
          );
        }
        // Four kinds per pair, rotating: every kind meets every tree size many times over the sweep.
        for (let k = 0; k < 4; k++) {
          const [name, run, expected] = tampered[(m * 4 + n + k) % tampered.length]!;
          c.is(run(), expected, `${name}, ${at}`);
        }
      }
    }
    c.done();
  });

  it('treats size 0 and equal sizes as the RFC says: empty proofs only', () => {
    expect(verifyConsistency(0, 7, EMPTY_TREE_ROOT, roots[7]!, [])).toBe(true);
    expect(verifyConsistency(0, 7, roots[1]!, roots[7]!, [])).toBe(false);
    expect(verifyConsistency(7, 7, roots[7]!, roots[7]!, [])).toBe(true);
    expect(verifyConsistency(7, 7, roots[7]!, roots[6]!, [])).toBe(false);
    expect(verifyConsistency(7, 7, roots[7]!, roots[7]!, [roots[7]!])).toBe(false);
    expect(verifyConsistency(8, 7, roots[7]!, roots[7]!, [])).toBe(false);
    expect(consistencyProof(all, 0, 9)).toEqual([]);
    expect(() => consistencyProof(all, 10, 9)).toThrow(
      expect.objectContaining({ code: 'ERR_LEDGER_NOT_FOUND' }),
    );
  });
});

describe('merkle: properties', () => {
  it('a prefix tree is consistent with every extension and each leaf is included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 0, maxLength: 8 }), { minLength: 1, maxLength: 70 }),
        fc.nat(),
        fc.nat(),
        (entries, a, b) => {
          const leaves = entries.map((entry) => leafHash(entry));
          const n = leaves.length;
          const m = 1 + (a % n);
          const i = b % n;
          const root = merkleRoot(leaves);
          expect(verifyInclusion(leaves[i]!, i, n, inclusionProof(leaves, i), root)).toBe(true);
          const proof = consistencyProof(leaves, m, n);
          expect(verifyConsistency(m, n, merkleRoot(leaves.slice(0, m)), root, proof)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a changed leaf changes the root and breaks old proofs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.nat(), (n, at) => {
        const leaves = leavesOf(n);
        const i = at % n;
        const changed = leaves.map((leaf, j) => (j === i ? flip(leaf, 0) : leaf));
        expect(hex(merkleRoot(changed))).not.toBe(hex(merkleRoot(leaves)));
        expect(verifyInclusion(changed[i]!, i, n, inclusionProof(leaves, i), merkleRoot(leaves))).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});

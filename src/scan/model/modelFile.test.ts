import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksumBytes, decodeBase64, encodeBase64, quantizeInt8 } from './modelFile.js';

describe('base64 (pure TypeScript)', () => {
  it('round-trips any bytes and matches the standard encoding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(btoa(String.fromCharCode(...bytes)));
        expect(Array.from(decodeBase64(text))).toEqual(Array.from(bytes));
      }),
    );
  });
  it('rejects characters outside the alphabet, bad padding and bad lengths', () => {
    for (const bad of ['A===', 'AB=C', 'A$AA', 'AAAAé===', 'AAA', '=AAA', 'AA AA']) {
      expect(() => decodeBase64(bad), bad).toThrow();
    }
  });
});

describe('quantizeInt8 and checksumBytes', () => {
  it('quantises symmetrically within half a step', () => {
    const w = [0.5, -1.27, 0.001, 0, 1.27];
    const { q, scale } = quantizeInt8(w);
    expect(scale).toBeCloseTo(0.01);
    for (let i = 0; i < w.length; i++)
      expect(Math.abs(q[i]! * scale - w[i]!)).toBeLessThanOrEqual(scale / 2 + 1e-12);
  });
  it('changes when any byte changes', () => {
    const bytes = new Uint8Array(37).map((_, i) => i * 7);
    const base = checksumBytes(bytes);
    expect(base).toMatch(/^[0-9a-f]{8}$/);
    for (let i = 0; i < bytes.length; i++) {
      const copy = bytes.slice();
      copy[i] = copy[i]! ^ 1;
      expect(checksumBytes(copy)).not.toBe(base);
    }
  });
});

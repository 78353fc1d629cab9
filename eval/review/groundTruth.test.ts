import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/review/index.js';
import { GROUND_TRUTH } from './groundTruth.js';

describe('eval:review ground truth', () => {
  it('names only rules that exist, and gives every flaw a path', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    for (const truth of Object.values(GROUND_TRUTH)) {
      for (const flaw of truth.flaws) {
        expect(flaw.rules.length, flaw.id).toBeGreaterThan(0);
        for (const rule of flaw.rules) expect(ids.has(rule), `${flaw.id}: ${rule}`).toBe(true);
        expect(flaw.paths.length, flaw.id).toBeGreaterThan(0);
      }
    }
  });
});

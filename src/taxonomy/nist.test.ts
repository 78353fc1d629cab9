import { describe, expect, it } from 'vitest';
import { NIST_FUNCTION_IDS } from './ids.js';
import { NIST_FUNCTIONS } from './nist.js';

describe('NIST_FUNCTIONS', () => {
  it('has the four AI RMF functions, each with a purpose', () => {
    expect(Object.keys(NIST_FUNCTIONS)).toEqual([...NIST_FUNCTION_IDS]);
    for (const id of NIST_FUNCTION_IDS) {
      expect(NIST_FUNCTIONS[id].id).toBe(id);
      expect(NIST_FUNCTIONS[id].purpose.length).toBeGreaterThan(0);
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  computeRemovableKind,
  REMOVABLE_CANDIDATE_RANGES,
  REMOVABLE_NONE,
  removableKind,
} from './invisible.js';

describe('removableKind', () => {
  it('the table agrees with the predicates on every BMP code point', () => {
    const mismatches: number[] = [];
    for (let cp = 0; cp < 0x10000; cp++) {
      if (removableKind(cp) !== computeRemovableKind(cp)) mismatches.push(cp);
    }
    expect(mismatches).toEqual([]);
  });

  it('the candidate ranges cover every removable BMP code point', () => {
    const inRanges = (cp: number) => REMOVABLE_CANDIDATE_RANGES.some(([a, b]) => cp >= a && cp <= b);
    for (let cp = 0; cp < 0x10000; cp++) {
      if (computeRemovableKind(cp) !== REMOVABLE_NONE) expect(inRanges(cp)).toBe(true);
    }
  });
});

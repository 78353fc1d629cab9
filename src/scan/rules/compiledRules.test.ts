import { describe, expect, it } from 'vitest';
import { ALL_RULES } from './allRules.js';
import { prepareRules } from './compile.js';
import tables from './compiled-rules.json' with { type: 'json' };

describe('compiled-rules.json', () => {
  it('is up to date with the phrase tables (run `npm run build:rules` after editing them)', () => {
    expect(prepareRules(ALL_RULES)).toEqual(tables);
  });
});

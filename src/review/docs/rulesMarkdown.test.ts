import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { rulesMarkdown } from './rulesMarkdown.js';

describe('docs/review-rules.md', () => {
  it('is the generated documentation of the current rules (run npm run docs:review after changing one)', () => {
    const committed = readFileSync(
      fileURLToPath(new URL('../../../docs/review-rules.md', import.meta.url)),
      'utf8',
    );
    expect(committed).toBe(rulesMarkdown(RULES));
  });
});

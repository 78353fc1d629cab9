/** Writes docs/review-rules.md from the rules (`npm run docs:review`). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rulesMarkdown } from '../src/review/docs/rulesMarkdown.js';
import { RULES } from '../src/review/index.js';

const target = fileURLToPath(new URL('../docs/review-rules.md', import.meta.url));
writeFileSync(target, rulesMarkdown(RULES));
process.stdout.write(`wrote ${target}\n`);

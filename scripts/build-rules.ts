/** `npm run build:rules`: normalises the phrase tables once and writes src/scan/rules/compiled-rules.json. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../src/scan/rules/allRules.js';
import { prepareRules } from '../src/scan/rules/compile.js';
import { REPO_ROOT } from './lib/datasets.js';

const tables = prepareRules(ALL_RULES);
const target = join(REPO_ROOT, 'src/scan/rules/compiled-rules.json');
writeFileSync(target, `${JSON.stringify(tables)}\n`);
console.log(`${tables.rules.length} rules, ${tables.patterns.length} patterns → ${target}`);

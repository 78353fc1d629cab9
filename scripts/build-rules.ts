/**
 * `npm run build:rules`: normalises the phrase tables, builds the automaton and writes both, as
 * one binary, to src/scan/rules/compiled-rules.bin (loaded by the scanner at start-up).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../src/scan/rules/allRules.js';
import { compileRules } from '../src/scan/rules/compile.js';
import { encodeCompiledRules } from '../src/scan/rules/rulesBinary.js';
import { REPO_ROOT } from './lib/datasets.js';

const compiled = compileRules(ALL_RULES);
const bytes = encodeCompiledRules(compiled);
const target = join(REPO_ROOT, 'src/scan/rules/compiled-rules.bin');
writeFileSync(target, bytes);
console.log(
  `${compiled.rules.length} rules, ${compiled.automaton.patternCount} patterns, ` +
    `${compiled.automaton.fail.length} automaton states, ${bytes.length} bytes → ${target}`,
);

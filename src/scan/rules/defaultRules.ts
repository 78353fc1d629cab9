import { readFileSync } from 'node:fs';
import { decodeCompiledRules } from './rulesBinary.js';

/**
 * The shipped rules, mapped from the prebuilt binary (see `allRules.ts` for the sources and
 * `npm run build:rules`); read once at module load, never during a scan.
 */
export const defaultCompiledRules = decodeCompiledRules(
  readFileSync(new URL('./compiled-rules.bin', import.meta.url)),
);
export const SHIPPED_RULES = defaultCompiledRules.rules;

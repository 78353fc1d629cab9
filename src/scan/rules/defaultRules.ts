import { compileTables, type RuleTables } from './compile.js';
import tables from './compiled-rules.json' with { type: 'json' };

/** The shipped rules, from the prebuilt tables (see `allRules.ts` for the sources). */
export const defaultCompiledRules = compileTables(tables as RuleTables);
export const SHIPPED_RULES = defaultCompiledRules.rules;

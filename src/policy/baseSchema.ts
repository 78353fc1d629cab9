import { readFileSync } from 'node:fs';
import type { SourceFile } from './sources.js';

/** How problems in the shipped base schema are reported. */
export const BASE_SCHEMA_NAME = '<maestro base schema>';

/** Where the shipped base schema is: next to this module in `src/` and in `dist/`. */
export const BASE_SCHEMA_URL = new URL('./maestro.cedarschema', import.meta.url);

/** The shipped base schema: principals, claims, the standard context and the effect groups. */
export function readBaseSchema(): SourceFile {
  return { name: BASE_SCHEMA_NAME, text: readFileSync(BASE_SCHEMA_URL, 'utf8') };
}

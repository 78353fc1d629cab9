import {
  type DetailedError,
  type SchemaJson,
  schemaToJson,
  schemaToJsonWithResolvedTypes,
  schemaToText,
} from '@cedar-policy/cedar-wasm/nodejs';
import { BASE_SCHEMA_NAME } from './baseSchema.js';
import { mergeSchemaJson, parseSchemaJson } from './mergeSchemaJson.js';
import { mergeSchemaText, type SchemaLocation } from './mergeSchemaText.js';
import { cedarMessage, type PolicyProblem } from './problems.js';
import { type SourceFile, sourceKind } from './sources.js';

/** The schema policies are validated against: Cedar text, and its JSON form with every type resolved. */
export interface ComposedSchema {
  readonly text: string;
  readonly json: SchemaJson<string>;
}

export interface ComposeResult {
  readonly schema: ComposedSchema | undefined;
  readonly problems: readonly PolicyProblem[];
}

type Locator = (byteOffset: number | undefined) => SchemaLocation | undefined;

/** The JSON route: base converted to JSON, fragments merged, the whole turned back into Cedar text. */
function composeJson(
  base: SourceFile | undefined,
  files: readonly SourceFile[],
  problems: PolicyProblem[],
): { text: string; locate: Locator } | undefined {
  const names = files.map((file) => file.name).join(', ');
  const fragments: Array<{ name: string; json: Record<string, unknown> }> = [];
  if (base !== undefined) {
    const answer = schemaToJson(base.text);
    if (answer.type === 'failure') {
      for (const error of answer.errors)
        problems.push({ severity: 'error', message: cedarMessage(error), file: base.name });
      return undefined;
    }
    fragments.push({ name: base.name, json: answer.json });
  }
  for (const file of files) {
    const json = parseSchemaJson(file, problems);
    if (json !== undefined) fragments.push({ name: file.name, json });
  }
  const merged = mergeSchemaJson(fragments, problems);
  if (problems.length > 0) return undefined;
  const answer = schemaToText(merged as SchemaJson<string>);
  if (answer.type === 'failure') {
    for (const error of answer.errors)
      problems.push({ severity: 'error', message: cedarMessage(error), file: names });
    return undefined;
  }
  return { text: answer.text, locate: () => ({ file: names }) };
}

function at(location: SchemaLocation): string {
  return [location.file, location.line, location.column].filter((part) => part !== undefined).join(':');
}

/**
 * A Cedar schema error at its place. When Cedar points at several places (a name declared twice),
 * the problem is placed in a file of the set rather than in the base schema, which the set's
 * authors cannot edit, and the other places are named in the message.
 */
function placed(error: DetailedError, severity: 'error' | 'warning', locate: Locator): PolicyProblem {
  const places = (error.sourceLocations ?? [])
    .map((location) => locate(location.start))
    .filter((location): location is SchemaLocation => location !== undefined);
  const primary = places.find((place) => place.file !== BASE_SCHEMA_NAME) ?? places[0];
  const others = places.filter((place) => place !== primary).map(at);
  const also = others.length > 0 ? ` (also at ${others.join(', ')})` : '';
  return { severity, message: `${cedarMessage(error)}${also}`, ...primary };
}

/**
 * Builds the schema of a policy set from the base schema (unless left out) and the set's schema
 * files, in Cedar format (`*.cedarschema`, merged by namespace) or JSON (`*.cedarschema.json`,
 * merged likewise); the two formats do not mix in one set.
 */
export function composeSchema(base: SourceFile | undefined, files: readonly SourceFile[]): ComposeResult {
  const problems: PolicyProblem[] = [];
  const jsonFiles = files.filter((file) => sourceKind(file.name) === 'json');
  const cedarFiles = files.filter((file) => sourceKind(file.name) !== 'json');
  let composed: { text: string; locate: Locator } | undefined;
  if (jsonFiles.length > 0) {
    for (const file of cedarFiles) {
      problems.push({
        severity: 'error',
        message:
          'schema files of one policy set must all be Cedar format or all JSON; this one is Cedar format',
        file: file.name,
      });
    }
    if (problems.length > 0) return { schema: undefined, problems };
    composed = composeJson(base, jsonFiles, problems);
  } else {
    const all = base === undefined ? cedarFiles : [base, ...cedarFiles];
    if (all.length === 0) {
      return {
        schema: undefined,
        problems: [{ severity: 'error', message: 'no schema: give schema files or keep the base schema' }],
      };
    }
    const merged = mergeSchemaText(all);
    problems.push(...merged.problems);
    composed = merged;
  }
  if (composed === undefined || problems.length > 0) return { schema: undefined, problems };

  const answer = schemaToJsonWithResolvedTypes(composed.text);
  if (answer.type === 'failure') {
    for (const error of answer.errors) problems.push(placed(error, 'error', composed.locate));
    return { schema: undefined, problems };
  }
  for (const warning of answer.warnings) problems.push(placed(warning, 'warning', composed.locate));
  return { schema: { text: composed.text, json: answer.json }, problems };
}

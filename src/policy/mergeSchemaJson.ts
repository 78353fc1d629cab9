import type { PolicyProblem } from './problems.js';
import { positionAt } from './sourceLocation.js';
import type { SourceFile } from './sources.js';

type JsonObject = Record<string, unknown>;

/** The parts of a namespace whose entries may come from different files. */
const SECTIONS = ['entityTypes', 'actions', 'commonTypes'] as const;
const SECTION_NOUN: Readonly<Record<(typeof SECTIONS)[number], string>> = {
  entityTypes: 'entity type',
  actions: 'action',
  commonTypes: 'common type',
};

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a JSON schema file; a syntax error becomes a problem at its line. */
export function parseSchemaJson(file: SourceFile, problems: PolicyProblem[]): JsonObject | undefined {
  let value: unknown;
  try {
    value = JSON.parse(file.text);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'not valid JSON';
    const position = /position (\d+)/.exec(message)?.[1];
    const place = position === undefined ? {} : positionAt(file.text, Number(position));
    problems.push({ severity: 'error', message: `not valid JSON: ${message}`, file: file.name, ...place });
    return undefined;
  }
  if (!isObject(value)) {
    problems.push({
      severity: 'error',
      message: 'a JSON schema is an object of namespaces',
      file: file.name,
      line: 1,
      column: 1,
    });
    return undefined;
  }
  return value;
}

/**
 * Merges JSON schema fragments namespace by namespace, as the Cedar-format merge does: each
 * entity type, action and common type may be declared in one file only.
 */
export function mergeSchemaJson(
  fragments: ReadonlyArray<{ readonly name: string; readonly json: JsonObject }>,
  problems: PolicyProblem[],
): JsonObject {
  const merged: Record<string, JsonObject> = {};
  for (const { name, json } of fragments) {
    for (const [namespace, definition] of Object.entries(json)) {
      if (!isObject(definition)) {
        problems.push({
          severity: 'error',
          message: `namespace "${namespace}" is not an object`,
          file: name,
        });
        continue;
      }
      const target = merged[namespace] ?? { entityTypes: {}, actions: {} };
      merged[namespace] = target;
      for (const [key, value] of Object.entries(definition)) {
        const section = SECTIONS.find((s) => s === key);
        if (section === undefined && key !== 'annotations') {
          target[key] = value;
          continue;
        }
        if (!isObject(value)) {
          problems.push({ severity: 'error', message: `"${namespace}".${key} is not an object`, file: name });
          continue;
        }
        const existing = (target[key] as JsonObject | undefined) ?? {};
        for (const [entry, body] of Object.entries(value)) {
          if (Object.hasOwn(existing, entry)) {
            const noun = section === undefined ? 'annotation' : SECTION_NOUN[section];
            problems.push({
              severity: 'error',
              message: `${noun} "${entry}" in namespace "${namespace}" is declared in more than one schema file`,
              file: name,
            });
            continue;
          }
          existing[entry] = body;
        }
        target[key] = existing;
      }
    }
  }
  return merged;
}

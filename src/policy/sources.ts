/** One file of a policy set: its name as reported in problems (a path relative to the set) and its text. */
export interface SourceFile {
  readonly name: string;
  readonly text: string;
}

/** The files of a policy set: `.cedar` policy files and the schema files that extend the base schema. */
export interface PolicySetSources {
  readonly policies: readonly SourceFile[];
  readonly schemas: readonly SourceFile[];
}

export type SchemaFormat = 'cedar' | 'json';

export const POLICY_SUFFIX = '.cedar';
export const SCHEMA_SUFFIX = '.cedarschema';
export const SCHEMA_JSON_SUFFIX = '.cedarschema.json';

/** What a file in a policy directory is, by its name; `undefined` for files that are not part of the set. */
export function sourceKind(name: string): 'policy' | SchemaFormat | undefined {
  if (name.endsWith(POLICY_SUFFIX)) return 'policy';
  if (name.endsWith(SCHEMA_SUFFIX)) return 'cedar';
  if (name.endsWith(SCHEMA_JSON_SUFFIX)) return 'json';
  return undefined;
}

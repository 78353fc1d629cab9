import { BASE_SCHEMA_NAME, readBaseSchema } from './baseSchema.js';
import { type ComposedSchema, composeSchema } from './composeSchema.js';
import { policySetFingerprint } from './fingerprint.js';
import { type ParsedPolicy, parsePolicies } from './parsePolicies.js';
import { hasErrors, type PolicyProblem } from './problems.js';
import { compileSchemaModel, type SchemaModel } from './schemaModel.js';
import { positionAt } from './sourceLocation.js';
import type { SourceFile } from './sources.js';
import { validatePolicies } from './validatePolicies.js';

/** A policy set as data: the policy files and the schema files that extend the base schema. */
export interface PolicySetInput {
  /** Policy files, or the text of one (named `policies.cedar` in problems). */
  readonly policies: readonly SourceFile[] | string;
  /** Schema files (Cedar format or JSON), or the text of one Cedar-format file. */
  readonly schema?: readonly SourceFile[] | string;
  /**
   * Include the shipped base schema (`Maestro::Agent`, `User`, `Tool`, `Claims`, `Context`, the
   * effect groups). Default true; set false when your schema files declare all of it themselves.
   */
  readonly baseSchema?: boolean;
}

/** A policy set that parsed and validated: everything an engine is built from. */
export interface CompiledPolicySet {
  readonly schema: ComposedSchema;
  readonly model: SchemaModel;
  readonly policies: readonly ParsedPolicy[];
  /** Validator warnings: shown, not fatal. */
  readonly warnings: readonly PolicyProblem[];
  readonly fingerprint: string;
}

function filesOf(value: readonly SourceFile[] | string | undefined, name: string): readonly SourceFile[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [{ name, text: value }] : value;
}

/** Finds the first place a text appears in the schema files, for problems Cedar gives no offset for. */
function placeIn(files: readonly SourceFile[]): (needle: string) => Partial<PolicyProblem> {
  return (needle) => {
    for (const file of files) {
      const index = file.text.indexOf(needle);
      if (index >= 0) return { file: file.name, ...positionAt(file.text, index) };
    }
    return {};
  };
}

/** Problems in file order, then line and column; problems without a place come first. */
function byPlace(a: PolicyProblem, b: PolicyProblem): number {
  const fa = a.file ?? '';
  const fb = b.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/**
 * Parses and validates a policy set: the schema (base + extensions) first, then every policy,
 * then Cedar's strict validator over the whole set. Collects every problem rather than stopping
 * at the first, so one run of `maestro policy validate` lists them all.
 */
export function compilePolicySet(input: PolicySetInput): {
  compiled: CompiledPolicySet | undefined;
  problems: PolicyProblem[];
} {
  const result = compileUnsorted(input);
  result.problems.sort(byPlace);
  return result;
}

function compileUnsorted(input: PolicySetInput): {
  compiled: CompiledPolicySet | undefined;
  problems: PolicyProblem[];
} {
  const policyFiles = filesOf(input.policies, 'policies.cedar');
  const schemaFiles = filesOf(input.schema, 'schema.cedarschema');
  const base = input.baseSchema === false ? undefined : readBaseSchema();
  const problems: PolicyProblem[] = [];

  const composed = composeSchema(base, schemaFiles);
  problems.push(...composed.problems);
  let model: SchemaModel | undefined;
  if (composed.schema !== undefined) {
    const modelProblems: PolicyProblem[] = [];
    model = compileSchemaModel(
      composed.schema.json,
      modelProblems,
      placeIn(base === undefined ? schemaFiles : [...schemaFiles, base]),
    );
    problems.push(
      ...modelProblems.map((problem) =>
        problem.file === undefined ? { ...problem, file: schemaFiles[0]?.name ?? BASE_SCHEMA_NAME } : problem,
      ),
    );
  }

  const parsed = parsePolicies(policyFiles);
  problems.push(...parsed.problems);
  if (composed.schema === undefined || model === undefined) return { compiled: undefined, problems };
  problems.push(...validatePolicies(composed.schema.text, parsed.policies));
  if (hasErrors(problems)) return { compiled: undefined, problems };
  return {
    compiled: {
      schema: composed.schema,
      model,
      policies: parsed.policies,
      warnings: problems,
      fingerprint: policySetFingerprint(composed.schema.text, parsed.policies),
    },
    problems,
  };
}

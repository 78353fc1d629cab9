import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { PolicyInvalidError } from './PolicyInvalidError.js';
import type { PolicyProblem } from './problems.js';
import { type PolicySetSources, type SourceFile, sourceKind } from './sources.js';

export interface LoadPolicySetOptions {
  /** A directory: every `.cedar`, `.cedarschema` and `.cedarschema.json` file in it and below. */
  readonly dir?: string;
  /** Or an explicit list of files (named in problems as given). */
  readonly files?: readonly string[];
}

/** Files in a directory tree, sorted, skipping hidden entries and node_modules. */
function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile() && sourceKind(entry.name) !== undefined) out.push(path);
  }
}

function read(path: string, name: string, problems: PolicyProblem[]): SourceFile | undefined {
  try {
    return { name, text: readFileSync(path, 'utf8') };
  } catch {
    problems.push({ severity: 'error', message: 'cannot be read', file: name });
    return undefined;
  }
}

/**
 * Reads a policy set from disk: policy files and schema files, in a stable order, with names
 * relative to the directory so that problems and policy ids do not depend on where it lives.
 * Reading is all it does (`createPolicyEngine` parses and validates); a directory that cannot be
 * read or holds no policy file throws `PolicyInvalidError`.
 */
export function loadPolicySet(options: LoadPolicySetOptions): PolicySetSources {
  const problems: PolicyProblem[] = [];
  const paths: Array<{ path: string; name: string }> = [];
  if (options.dir !== undefined) {
    const root = options.dir;
    const found: string[] = [];
    try {
      walk(root, found);
    } catch {
      throw new PolicyInvalidError([
        { severity: 'error', message: 'the policy directory cannot be read', file: root },
      ]);
    }
    for (const path of found) paths.push({ path, name: relative(root, path).split(sep).join('/') });
  }
  for (const path of options.files ?? []) paths.push({ path, name: path });
  const policies: SourceFile[] = [];
  const schemas: SourceFile[] = [];
  for (const { path, name } of paths) {
    const kind = sourceKind(name);
    if (kind === undefined) {
      problems.push({
        severity: 'error',
        message: 'is not a .cedar, .cedarschema or .cedarschema.json file',
        file: name,
      });
      continue;
    }
    const file = read(path, name, problems);
    if (file === undefined) continue;
    (kind === 'policy' ? policies : schemas).push(file);
  }
  if (problems.length === 0 && policies.length === 0)
    problems.push({ severity: 'error', message: 'no .cedar policy files', file: options.dir ?? '(files)' });
  if (problems.length > 0) throw new PolicyInvalidError(problems);
  return { policies, schemas };
}

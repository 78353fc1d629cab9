import { readFileSync, statSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { MaestroError } from '../../errors/index.js';
import { type ThreatModel, threatModelSchema } from './modelSchema.js';

const MAX_BYTES = 1024 * 1024;

function invalid(file: string, message: string, path: readonly (string | number)[] = []): MaestroError {
  return new MaestroError('ERR_INVALID_INPUT', {
    message: `${file}: ${path.length > 0 ? `${path.join('.')}: ` : ''}${message}`,
    path: path.map(String),
  });
}

/** Parses a threat model (YAML 1.2 core schema, or JSON); a bad file names the key that is wrong. */
export function parseThreatModel(file: string, text: string): ThreatModel {
  let raw: unknown;
  try {
    raw = parseYaml(text, { schema: 'core', uniqueKeys: true, maxAliasCount: 100, prettyErrors: false });
  } catch {
    throw invalid(file, 'cannot be parsed as YAML');
  }
  const parsed = threatModelSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p.description) : p));
    if (issue?.code === 'unrecognized_keys')
      throw invalid(file, 'unknown key', [...path, issue.keys[0] ?? '?']);
    throw invalid(file, issue?.message ?? 'not valid', path);
  }
  return parsed.data;
}

export function loadThreatModel(file: string): ThreatModel {
  let text: string;
  try {
    if (statSync(file).size > MAX_BYTES) throw invalid(file, 'is larger than 1 MiB');
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof MaestroError) throw error;
    throw invalid(file, 'cannot be read');
  }
  return parseThreatModel(file, text);
}

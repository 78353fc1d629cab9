/** Locating and reading the shared datasets (never copied into the repository). */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const INJECTION_SPLITS = ['train', 'dev', 'test'] as const;
export type InjectionSplit = (typeof INJECTION_SPLITS)[number];

/** One labelled row of `injection/{train,dev,test}.jsonl`. */
export interface InjectionRow {
  readonly id: string;
  readonly text: string;
  readonly label: 0 | 1;
  readonly source: string;
  readonly kind: string;
  readonly lang: string;
}

/** The repository root (two levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `MAESTRO_DATASETS` if set, else `<repo>/../shared/datasets`. Throws if the folder is missing. */
export function datasetsDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env['MAESTRO_DATASETS']
    ? resolve(env['MAESTRO_DATASETS'])
    : resolve(REPO_ROOT, '..', 'shared', 'datasets');
  if (!existsSync(dir)) {
    throw new Error(
      `datasets folder not found: ${dir} (set MAESTRO_DATASETS to the folder holding injection/)`,
    );
  }
  return dir;
}

export function injectionFile(split: InjectionSplit, dir: string = datasetsDir()): string {
  return join(dir, 'injection', `${split}.jsonl`);
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function str(o: Record<string, unknown>, key: string, line: number, fallback?: string): string {
  const v = o[key];
  if (typeof v === 'string') return v;
  if (fallback !== undefined && v === undefined) return fallback;
  throw new Error(`line ${line}: field "${key}" must be a string`);
}

/** Parses JSON-lines injection rows; throws with the line number on a malformed row. */
export function parseInjectionJsonl(content: string): InjectionRow[] {
  const rows: InjectionRow[] = [];
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const o: unknown = JSON.parse(line);
    if (typeof o !== 'object' || o === null || Array.isArray(o))
      throw new Error(`line ${i + 1}: not an object`);
    const r = o as Record<string, unknown>;
    const label = r['label'];
    if (label !== 0 && label !== 1) throw new Error(`line ${i + 1}: label must be 0 or 1`);
    rows.push({
      id: str(r, 'id', i + 1),
      text: str(r, 'text', i + 1),
      label,
      source: str(r, 'source', i + 1, 'unknown'),
      kind: str(r, 'kind', i + 1, 'unknown'),
      lang: str(r, 'lang', i + 1, 'unknown'),
    });
  }
  return rows;
}

export function readInjectionSplit(split: InjectionSplit, dir: string = datasetsDir()): InjectionRow[] {
  return parseInjectionJsonl(readFileSync(injectionFile(split, dir), 'utf8'));
}

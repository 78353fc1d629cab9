import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above this file). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type DatasetsLocation =
  | { readonly found: true; readonly dir: string }
  | { readonly found: false; readonly dir: string; readonly reason: string };

/** `MAESTRO_DATASETS` if set, else `<repo>/../shared/datasets`. Nothing is ever copied into the repo. */
export function locateDatasets(env: NodeJS.ProcessEnv = process.env): DatasetsLocation {
  const fromEnv = env['MAESTRO_DATASETS'];
  const dir = path.resolve(
    fromEnv && fromEnv.length > 0 ? fromEnv : path.join(REPO_ROOT, '..', 'shared', 'datasets'),
  );
  if (existsSync(dir)) return { found: true, dir };
  const why = fromEnv ? 'set by MAESTRO_DATASETS' : 'the default when MAESTRO_DATASETS is unset';
  return { found: false, dir, reason: `${dir} does not exist (${why})` };
}

/** Parses a JSON Lines file, handing each value to `parse` (which validates and types it). */
export function readJsonl<T>(file: string, parse: (value: unknown, where: string) => T): T[] {
  const rows: T[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `${path.basename(file)}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where}: invalid JSON (${(error as Error).message})`);
    }
    rows.push(parse(value, where));
  }
  return rows;
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './datasets.js';

/** The installed version of a dependency, read from its package.json ('?' when unreadable). */
export function packageVersion(name: string): string {
  try {
    const file = path.join(REPO_ROOT, 'node_modules', ...name.split('/'), 'package.json');
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'version' in parsed &&
      typeof parsed.version === 'string'
    ) {
      return parsed.version;
    }
  } catch {
    // fall through
  }
  return '?';
}

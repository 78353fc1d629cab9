import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Module specifiers a file loads at run time (`import type` / `export type` are erased). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const statement = /^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm;
  for (const m of text.matchAll(statement)) if (m[1] === undefined) found.push(m[2]!);
  return found;
}

/** Every bare package a module pulls in, transitively through the project's own files. */
function packagesReachedFrom(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith('.')) {
        if (spec.endsWith('.js')) queue.push(join(dirname(file), spec.replace(/\.js$/, '.ts')));
      } else {
        packages.add(spec);
      }
    }
  }
  return packages;
}

describe('what importing the scanner loads', () => {
  it('maestro/scan needs no third-party package at run time (zod alone would double its cold start)', () => {
    const reached = [...packagesReachedFrom(join(SRC, 'scan/index.ts'))].filter(
      (p) => !p.startsWith('node:'),
    );
    expect(reached).toEqual([]);
  });

  it('the import walker sees zod where it is used', () => {
    expect(packagesReachedFrom(join(SRC, 'schemas/index.ts'))).toContain('zod');
  });
});

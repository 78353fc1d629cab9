import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  main: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, string | { types: string; import: string }>;
};

/** dist/x/y.js is built from src/x/y.ts (the build test is `npm run build` itself). */
function sourceOf(distPath: string): string {
  return distPath
    .replace(/^\.?\/?dist\//, 'src/')
    .replace(/\.d\.ts$/, '.ts')
    .replace(/\.js$/, '.ts');
}

describe('package.json entry points', () => {
  const targets = [
    pkg.main,
    pkg.types,
    ...Object.values(pkg.bin),
    ...Object.entries(pkg.exports)
      .filter(([key]) => key !== './package.json')
      .flatMap(([, value]) => (typeof value === 'string' ? [value] : [value.types, value.import])),
  ];

  it.each(targets)('%s has a source file', (target) => {
    expect(existsSync(`${root}${sourceOf(target)}`)).toBe(true);
  });

  it('the root entry re-exports the public functions of every pure module', async () => {
    const api = await import('./index.js');
    for (const name of ['securityScan', 'scanOutput', 'MaestroError', 'LAYERS', 'strictestLane']) {
      expect(api).toHaveProperty(name);
    }
  });
});

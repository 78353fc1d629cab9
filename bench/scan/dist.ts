import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiled package, which cold-start measurements load the way users do. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST_SCAN_ENTRY = join(REPO_ROOT, 'dist', 'scan', 'index.js');

/** Source folders the compiled scan module is built from (scan and what it imports). */
const SCAN_SOURCES = ['scan', 'core', 'taxonomy', 'errors'];

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else if (/\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

export interface DistStatus {
  readonly ready: boolean;
  /** What was done, for the report. */
  readonly note: string;
}

/**
 * Builds `dist/` with `npx tsc -p tsconfig.build.json` when the scan entry is missing or older
 * than a source file it is built from. A build that reports type errors elsewhere in the tree still emits; the
 * emitted scan module is then used and the errors are mentioned.
 */
export function ensureDist(log: (message: string) => void): DistStatus {
  const exists = existsSync(DIST_SCAN_ENTRY);
  const newest = Math.max(
    ...SCAN_SOURCES.map((dir) => join(REPO_ROOT, 'src', dir))
      .filter(existsSync)
      .map(newestSourceMtime),
  );
  if (exists && statSync(DIST_SCAN_ENTRY).mtimeMs >= newest) {
    return { ready: true, note: 'dist/scan was up to date' };
  }
  log(exists ? 'dist/scan is older than its sources; rebuilding…' : 'dist/ is missing; building…');
  const started = Date.now();
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!existsSync(DIST_SCAN_ENTRY)) {
    const output = `${build.stdout ?? ''}${build.stderr ?? ''}`.trim().split('\n').slice(0, 5).join(' / ');
    return { ready: false, note: `build did not produce dist/scan/index.js: ${output}` };
  }
  if (build.status !== 0) {
    const errors = (build.stdout ?? '').split('\n').filter((line) => line.includes('error TS')).length;
    return {
      ready: true,
      note: `built with npx tsc -p tsconfig.build.json in ${seconds} s (tsc reported ${errors} type errors elsewhere; output emitted)`,
    };
  }
  return { ready: true, note: `built with npx tsc -p tsconfig.build.json in ${seconds} s` };
}

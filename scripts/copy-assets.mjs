// After tsc: copies the assets tsc does not know about (compiled rules, SQL migrations, the Cedar base schema,
// the dashboard's page, style and script)
// into dist, and marks the CLI entry executable. (tsc already copies imported JSON.)
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ASSET_SUFFIXES = ['.bin', '.sql', '.cedarschema', '.cedar', '.html', '.css', '.client.js'];

function* assets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* assets(path);
    else if (ASSET_SUFFIXES.some((suffix) => entry.name.endsWith(suffix))) yield path;
  }
}

for (const source of assets(join(root, 'src'))) {
  const target = join(root, 'dist', relative(join(root, 'src'), source));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
}

const cli = join(root, 'dist/cli/main.js');
if (existsSync(cli)) chmodSync(cli, 0o755);

// tsc copies imported JSON already; this marks the CLI entry executable after a build.
import { chmodSync, existsSync } from 'node:fs';

const cli = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(cli)) chmodSync(cli, 0o755);

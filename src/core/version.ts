import { createRequire } from 'node:module';
import { z } from 'zod';

// src/cli and dist/cli sit at the same depth, so the package file is two folders up from both.
const pkg = z.object({ version: z.string() }).parse(createRequire(import.meta.url)('../../package.json'));

export const VERSION: string = pkg.version;

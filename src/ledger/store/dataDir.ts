import { resolve } from 'node:path';

/** The maestro data directory: the option, else MAESTRO_DATA_DIR, else ./.maestro (absolute). */
export function resolveDataDir(dataDir?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = dataDir ?? env.MAESTRO_DATA_DIR;
  return resolve(chosen === undefined || chosen === '' ? '.maestro' : chosen);
}

import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiKeyStore } from './apiKeys.js';

export const CREDENTIALS_FILE = 'credentials';
export const BOOTSTRAP_TENANT = 'default';

export interface BootstrapResult {
  /** Whether this start created the first admin key. */
  readonly created: boolean;
  /** The key, when this start generated it (and printed it); never when it came from the environment. */
  readonly generated: string | undefined;
  readonly credentialsFile: string | undefined;
}

/**
 * On a first start with no keys, creates the admin key of tenant `default`: MAESTRO_BOOTSTRAP_KEY
 * when set, otherwise a new key that is printed once and written to <data dir>/credentials with
 * mode 0600. Only the key's hash goes into the store.
 */
export async function ensureBootstrapKey(
  keys: ApiKeyStore,
  options: {
    readonly dataDir: string;
    readonly env: NodeJS.ProcessEnv;
    readonly print: (line: string) => void;
  },
): Promise<BootstrapResult> {
  if (await keys.any()) return { created: false, generated: undefined, credentialsFile: undefined };
  const given = options.env['MAESTRO_BOOTSTRAP_KEY'];
  const fromEnv = given !== undefined && given !== '';
  const { key } = await keys.create({
    tenantId: BOOTSTRAP_TENANT,
    principal: 'admin',
    role: 'admin',
    label: 'bootstrap',
    ...(fromEnv ? { key: given } : {}),
  });
  if (fromEnv) return { created: true, generated: undefined, credentialsFile: undefined };
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const file = join(options.dataDir, CREDENTIALS_FILE);
  writeFileSync(
    file,
    `# The admin API key of tenant "${BOOTSTRAP_TENANT}", created on the first start. Keep it secret.\nMAESTRO_API_KEY=${key}\n`,
    { mode: 0o600, flag: 'w' },
  );
  chmodSync(file, 0o600);
  options.print(
    `maestro: created the admin API key of tenant "${BOOTSTRAP_TENANT}" (shown once, also in ${file}):`,
  );
  options.print(`  ${key}`);
  return { created: true, generated: key, credentialsFile: file };
}

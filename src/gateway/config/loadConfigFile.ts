import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { MaestroError } from '../../errors/index.js';
import { type ConfigFile, configFileSchema } from './configFile.js';
import { secretsInConfig } from './secretsInConfig.js';

/** The names looked for in the working directory when no file is named. */
export const CONFIG_FILE_NAMES = [
  'maestro.config.yaml',
  'maestro.config.yml',
  'maestro.config.json',
] as const;
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadedConfig {
  readonly file: string;
  readonly config: ConfigFile;
}

function invalid(
  file: string,
  path: readonly (string | number)[],
  message: string,
  cause?: unknown,
): MaestroError {
  const where = path.length > 0 ? `${path.join('.')}: ` : '';
  return new MaestroError('ERR_CONFIG_INVALID', {
    message: `${file}: ${where}${message}`,
    path: path.map(String),
    ...(cause === undefined ? {} : { cause }),
  });
}

/** The first zod issue as a key path and a message; an unknown key is named as part of the path. */
function firstIssue(error: z.ZodError): { path: (string | number)[]; message: string } {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p.description) : p));
  if (issue?.code === 'unrecognized_keys') {
    return { path: [...path, issue.keys[0] ?? '?'], message: 'unknown key' };
  }
  return { path, message: issue?.message ?? 'not valid' };
}

function parseText(file: string, text: string): unknown {
  try {
    if (extname(file) === '.json') return JSON.parse(text);
    // YAML 1.2 core schema: no custom tags, duplicate keys are errors, aliases capped (no billion laughs).
    return parseYaml(text, { schema: 'core', uniqueKeys: true, maxAliasCount: 100, prettyErrors: false });
  } catch (error) {
    throw invalid(file, [], `cannot be parsed as ${extname(file) === '.json' ? 'JSON' : 'YAML'}`, error);
  }
}

/** Paths in the file are relative to the file's directory. */
function resolvePaths(config: ConfigFile, base: string): ConfigFile {
  const at = (p: string | undefined) => (p === undefined ? undefined : resolve(base, p));
  const tls = config.server?.tls;
  return {
    ...config,
    ...(config.server === undefined
      ? {}
      : {
          server: {
            ...config.server,
            ...(tls === undefined
              ? {}
              : {
                  tls: {
                    ...tls,
                    certFile: resolve(base, tls.certFile),
                    keyFile: resolve(base, tls.keyFile),
                    ...(tls.caFile === undefined ? {} : { caFile: resolve(base, tls.caFile) }),
                  },
                }),
          },
        }),
    ...(config.storage?.dataDir === undefined
      ? {}
      : { storage: { ...config.storage, dataDir: resolve(base, config.storage.dataDir) } }),
    ...(config.toolCalls?.policyDir === undefined
      ? {}
      : { toolCalls: { ...config.toolCalls, policyDir: resolve(base, config.toolCalls.policyDir) } }),
    ...(config.mcp === undefined
      ? {}
      : {
          mcp: {
            ...config.mcp,
            ...(config.mcp.pinsFile === undefined ? {} : { pinsFile: at(config.mcp.pinsFile) }),
            ...(config.mcp.policyDir === undefined ? {} : { policyDir: at(config.mcp.policyDir) }),
            servers: config.mcp.servers.map((s) =>
              s.transport === 'stdio' && s.cwd !== undefined ? { ...s, cwd: resolve(base, s.cwd) } : s,
            ),
          },
        }),
  };
}

/** Parses and validates one configuration text (JSON or YAML by the file's extension). */
export function parseConfigFile(file: string, text: string): ConfigFile {
  const raw = parseText(file, text);
  if (raw === null || raw === undefined) return {};
  const secret = secretsInConfig(raw)[0];
  if (secret !== undefined) throw invalid(file, secret.path, secret.message);
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    throw invalid(file, path, message);
  }
  return resolvePaths(parsed.data, dirname(resolve(file)));
}

/**
 * Finds and reads the configuration: the file named (`--config`, `MAESTRO_CONFIG`), else the one
 * `maestro.config.(yaml|yml|json)` in `cwd`, else none (embedded defaults). A file that cannot be
 * read, is too large, does not parse, holds a secret, has an unknown key or a bad value refuses
 * to start with `ERR_CONFIG_INVALID` naming the file and the key.
 */
export function loadConfigFile(options: {
  file?: string | undefined;
  cwd?: string;
}): LoadedConfig | undefined {
  const cwd = options.cwd ?? process.cwd();
  let file = options.file === undefined || options.file === '' ? undefined : resolve(cwd, options.file);
  if (file === undefined) {
    const found = CONFIG_FILE_NAMES.map((name) => resolve(cwd, name)).filter((p) => existsSync(p));
    if (found.length > 1) {
      throw invalid(
        found[0] as string,
        [],
        `more than one configuration file: ${found.join(', ')}; keep one`,
      );
    }
    file = found[0];
    if (file === undefined) return undefined;
  }
  if (!['.json', '.yaml', '.yml'].includes(extname(file))) {
    throw invalid(file, [], 'the configuration file must end in .json, .yaml or .yml');
  }
  let text: string;
  try {
    if (statSync(file).size > MAX_CONFIG_BYTES) throw invalid(file, [], 'is larger than 1 MiB');
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof MaestroError) throw error;
    throw invalid(file, [], 'cannot be read', error);
  }
  return { file, config: parseConfigFile(file, text) };
}

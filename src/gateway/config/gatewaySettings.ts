import type { z } from 'zod';
import { InvalidOptionsError, MaestroError } from '../../errors/index.js';
import { type LedgerRoles, resolveDataDir } from '../../ledger/index.js';
import { DEFAULT_OUTPUT_MAX_BYTES, type Sink } from '../../output/index.js';
import { DEFAULT_MAX_BYTES } from '../../scan/index.js';
import type { certificateIdentitySchema } from '../auth/clientCertificates.js';
import type { OidcSettings } from '../auth/oidc.js';
import { DEFAULT_LIMITS, type LimitSettings } from '../limits/rateLimits.js';
import type { McpSettings } from '../mcp/mcpSettings.js';
import { DEFAULT_TOOL_CALL_SETTINGS, type ToolCallSettings } from '../proxy/toolCallPolicy.js';
import { type UpstreamSettings, upstreamSettingsSchema } from '../proxy/upstreamSettings.js';
import type { ConfigFile } from './configFile.js';

type CertificateIdentityInput = z.input<typeof certificateIdentitySchema>;

export interface TlsSettings {
  readonly certFile: string;
  readonly keyFile: string;
  /** The CA that signs client certificates (needed with requireClientCert). */
  readonly caFile?: string;
  readonly requireClientCert: boolean;
  /** Client certificates that stand for workload identities. */
  readonly identities?: readonly CertificateIdentityInput[];
}

export type SecretAction = 'block' | 'confirm' | 'redact';

/** What the output guard does with what it finds in proxied completions. */
export interface OutputActions {
  /** In a whole completion (default `redact`). */
  readonly onSecret: SecretAction;
  /** In a stream (default `block`: streamed text cannot be taken back). */
  readonly streamOnSecret: SecretAction;
  readonly onPii: SecretAction;
  readonly sink: Sink;
  readonly allowedHosts: readonly string[];
}

/** What the gateway process needs to start; `maestro serve` builds it from the configuration. */
export interface GatewaySettings {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** PostgreSQL instead of the embedded store (MAESTRO_DATABASE_URL). */
  readonly databaseUrl: string | undefined;
  /** Database role names, when several deployments share one PostgreSQL server. */
  readonly databaseRoles?: LedgerRoles;
  readonly bodyLimitBytes: number;
  readonly requestTimeoutMs: number;
  readonly connectionTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly scanMaxBytes: number;
  /** Proxied requests the scan puts in lane `confirm`: forwarded (with an event) or refused. */
  readonly scanOnConfirm: 'forward' | 'block';
  readonly outputMaxBytes: number;
  readonly outputActions: OutputActions;
  readonly limits: LimitSettings;
  /** Share rate limits across replicas through Redis (MAESTRO_REDIS_URL). */
  readonly redisUrl: string | undefined;
  /** Prefix of the Redis keys (one per deployment, or per test run). */
  readonly redisKeyPrefix: string;
  /** Accept IdP bearer tokens too (C4). */
  readonly oidc?: OidcSettings;
  /** Serve HTTPS, and with `requireClientCert` demand client certificates (mTLS, C12). */
  readonly tls?: TlsSettings;
  /** The LLM API behind `/v1/chat/completions` and `/v1/responses`. */
  readonly upstream?: UpstreamSettings;
  readonly toolCalls: ToolCallSettings;
  /** MCP servers fronted at `/mcp`. */
  readonly mcp?: McpSettings;
  /** The configuration file the settings came from, if any. */
  readonly configFile?: string;
}

export const DEFAULT_GATEWAY_SETTINGS: Omit<GatewaySettings, 'dataDir' | 'databaseUrl' | 'redisUrl'> =
  Object.freeze({
    host: '127.0.0.1',
    port: 8787,
    bodyLimitBytes: 1024 * 1024,
    requestTimeoutMs: 60_000,
    connectionTimeoutMs: 10_000,
    keepAliveTimeoutMs: 5_000,
    scanMaxBytes: DEFAULT_MAX_BYTES,
    outputMaxBytes: DEFAULT_OUTPUT_MAX_BYTES,
    scanOnConfirm: 'forward',
    outputActions: {
      onSecret: 'redact',
      streamOnSecret: 'block',
      onPii: 'redact',
      sink: 'markdown',
      allowedHosts: [],
    } as OutputActions,
    limits: DEFAULT_LIMITS,
    redisKeyPrefix: 'maestro:rl',
    toolCalls: DEFAULT_TOOL_CALL_SETTINGS,
  });

/** A positive whole number from the environment, or the fallback (a bad value is an error). */
function envInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) {
    throw new InvalidOptionsError(`${name} must be a whole number of at least 1.`, [name]);
  }
  return Number(value);
}

const set = (env: NodeJS.ProcessEnv, name: string): string | undefined =>
  env[name] === undefined || env[name] === '' ? undefined : env[name];

function upstreamFrom(file: ConfigFile, env: NodeJS.ProcessEnv): UpstreamSettings | undefined {
  const url = set(env, 'MAESTRO_UPSTREAM_URL');
  if (url === undefined) return file.upstream;
  const parsed = upstreamSettingsSchema.safeParse({ ...file.upstream, baseUrl: url });
  if (!parsed.success) {
    throw new MaestroError('ERR_CONFIG_INVALID', {
      message: `MAESTRO_UPSTREAM_URL: ${parsed.error.issues[0]?.message ?? 'not a valid URL'}`,
      path: ['MAESTRO_UPSTREAM_URL'],
    });
  }
  return parsed.data;
}

/**
 * The settings the gateway runs with: the embedded defaults, then the configuration file, then
 * the environment (MAESTRO_PORT, MAESTRO_DATA_DIR, MAESTRO_DATABASE_URL, MAESTRO_REDIS_URL,
 * MAESTRO_UPSTREAM_URL, MAESTRO_RATE_LIMIT_PER_TENANT/_PER_PRINCIPAL,
 * MAESTRO_CONCURRENCY_PER_TENANT). Secrets only ever come from the environment.
 */
export function resolveGatewaySettings(
  file: ConfigFile = {},
  env: NodeJS.ProcessEnv = {},
  configFile?: string,
): GatewaySettings {
  const d = DEFAULT_GATEWAY_SETTINGS;
  const limits = file.limits ?? {};
  const perTenant = limits.perTenant ?? d.limits.perTenant;
  const perPrincipal = limits.perPrincipal ?? d.limits.perPrincipal;
  const port = set(env, 'MAESTRO_PORT');
  const dataDir = set(env, 'MAESTRO_DATA_DIR') ?? file.storage?.dataDir;
  const upstream = upstreamFrom(file, env);
  const tls = file.server?.tls;
  return {
    ...d,
    host: file.server?.host ?? d.host,
    port:
      port !== undefined && /^\d{1,5}$/.test(port) && Number(port) <= 65_535
        ? Number(port)
        : (file.server?.port ?? d.port),
    bodyLimitBytes: file.server?.bodyLimitBytes ?? d.bodyLimitBytes,
    requestTimeoutMs: file.server?.requestTimeoutMs ?? d.requestTimeoutMs,
    connectionTimeoutMs: file.server?.connectionTimeoutMs ?? d.connectionTimeoutMs,
    keepAliveTimeoutMs: file.server?.keepAliveTimeoutMs ?? d.keepAliveTimeoutMs,
    scanMaxBytes: file.scan?.maxBytes ?? d.scanMaxBytes,
    outputMaxBytes: file.output?.maxBytes ?? d.outputMaxBytes,
    outputActions: {
      onSecret: file.output?.onSecret ?? d.outputActions.onSecret,
      streamOnSecret: file.output?.streamOnSecret ?? d.outputActions.streamOnSecret,
      onPii: file.output?.onPii ?? d.outputActions.onPii,
      sink: file.output?.sink ?? d.outputActions.sink,
      allowedHosts: file.output?.allowedHosts ?? d.outputActions.allowedHosts,
    },
    scanOnConfirm: file.scan?.onConfirm ?? d.scanOnConfirm,
    dataDir: resolveDataDir(dataDir),
    databaseUrl: set(env, 'MAESTRO_DATABASE_URL'),
    redisUrl: set(env, 'MAESTRO_REDIS_URL'),
    redisKeyPrefix: limits.redisKeyPrefix ?? d.redisKeyPrefix,
    limits: {
      perTenant: {
        points: envInteger(env, 'MAESTRO_RATE_LIMIT_PER_TENANT', perTenant.points),
        durationSec: perTenant.durationSec,
      },
      perPrincipal: {
        points: envInteger(env, 'MAESTRO_RATE_LIMIT_PER_PRINCIPAL', perPrincipal.points),
        durationSec: perPrincipal.durationSec,
      },
      concurrencyPerTenant: envInteger(
        env,
        'MAESTRO_CONCURRENCY_PER_TENANT',
        limits.concurrencyPerTenant ?? d.limits.concurrencyPerTenant,
      ),
    },
    toolCalls: file.toolCalls ?? d.toolCalls,
    ...(file.storage?.databaseRoles === undefined ? {} : { databaseRoles: file.storage.databaseRoles }),
    ...(file.auth?.oidc === undefined ? {} : { oidc: file.auth.oidc }),
    ...(tls === undefined ? {} : { tls }),
    ...(upstream === undefined ? {} : { upstream }),
    ...(file.mcp === undefined ? {} : { mcp: file.mcp }),
    ...(configFile === undefined ? {} : { configFile }),
  };
}

/** The default settings with the environment applied (no configuration file). */
export function settingsFromEnv(env: NodeJS.ProcessEnv): GatewaySettings {
  return resolveGatewaySettings({}, env);
}

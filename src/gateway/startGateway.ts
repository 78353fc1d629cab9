import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { InvalidOptionsError, invalidOptionsFromZod, MaestroError } from '../errors/index.js';
import {
  createLedger,
  createPgliteStore,
  createPostgresStore,
  type Ledger,
  type LedgerRoles,
  type LedgerStore,
  resolveDataDir,
} from '../ledger/index.js';
import { DEFAULT_OUTPUT_MAX_BYTES } from '../output/index.js';
import { DEFAULT_MAX_BYTES } from '../scan/index.js';
import { createApiKeyStore } from './auth/apiKeys.js';
import { type BootstrapResult, ensureBootstrapKey } from './auth/bootstrapKey.js';
import { type CertificateIdentity, certificateIdentitySchema } from './auth/clientCertificates.js';
import { createOidcVerifier, type OidcSettings } from './auth/oidc.js';
import { createGatewayApp } from './createApp.js';
import {
  createRateLimits,
  DEFAULT_LIMITS,
  type LimitSettings,
  type RateLimits,
} from './limits/rateLimits.js';

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
  readonly outputMaxBytes: number;
  readonly limits: LimitSettings;
  /** Share rate limits across replicas through Redis (MAESTRO_REDIS_URL). */
  readonly redisUrl: string | undefined;
  /** Prefix of the Redis keys (one per deployment, or per test run). */
  readonly redisKeyPrefix: string;
  /** Accept IdP bearer tokens too (C4). */
  readonly oidc?: OidcSettings;
  /** Serve HTTPS, and with `requireClientCert` demand client certificates (mTLS, C12). */
  readonly tls?: TlsSettings;
}

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

function readPem(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new MaestroError('ERR_INVALID_OPTIONS', {
      message: `Cannot read the TLS ${what} file ${file}.`,
      path: ['tls', what],
      cause: error,
    });
  }
}

function httpsOptions(tls: TlsSettings) {
  if (tls.requireClientCert && tls.caFile === undefined) {
    throw new InvalidOptionsError('tls.caFile is needed to require client certificates.', ['tls', 'caFile']);
  }
  return {
    key: readPem(tls.keyFile, 'keyFile'),
    cert: readPem(tls.certFile, 'certFile'),
    ...(tls.caFile === undefined ? {} : { ca: readPem(tls.caFile, 'caFile') }),
    requestCert: tls.requireClientCert,
  };
}

function certificateIdentities(tls: TlsSettings | undefined): CertificateIdentity[] {
  return (tls?.identities ?? []).map((identity, index) => {
    const parsed = certificateIdentitySchema.safeParse(identity);
    if (!parsed.success)
      throw invalidOptionsFromZod(
        new z.ZodError(
          parsed.error.issues.map((i) => ({ ...i, path: ['tls', 'identities', index, ...i.path] })),
        ),
      );
    return parsed.data;
  });
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
    limits: DEFAULT_LIMITS,
    redisKeyPrefix: 'maestro:rl',
  });

/** A positive whole number from the environment, or the default (a bad value is an error). */
function envInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) {
    throw new InvalidOptionsError(`${name} must be a whole number of at least 1.`, [name]);
  }
  return Number(value);
}

/** The default settings with the environment's data dir, database URL, port and limits applied. */
export function settingsFromEnv(env: NodeJS.ProcessEnv): GatewaySettings {
  const port = env['MAESTRO_PORT'];
  const limits: LimitSettings = {
    perTenant: {
      points: envInteger(env, 'MAESTRO_RATE_LIMIT_PER_TENANT', DEFAULT_LIMITS.perTenant.points),
      durationSec: 60,
    },
    perPrincipal: {
      points: envInteger(env, 'MAESTRO_RATE_LIMIT_PER_PRINCIPAL', DEFAULT_LIMITS.perPrincipal.points),
      durationSec: 60,
    },
    concurrencyPerTenant: envInteger(
      env,
      'MAESTRO_CONCURRENCY_PER_TENANT',
      DEFAULT_LIMITS.concurrencyPerTenant,
    ),
  };
  return {
    ...DEFAULT_GATEWAY_SETTINGS,
    ...(port !== undefined && /^\d{1,5}$/.test(port) && Number(port) <= 65_535 ? { port: Number(port) } : {}),
    dataDir: resolveDataDir(env['MAESTRO_DATA_DIR']),
    databaseUrl: env['MAESTRO_DATABASE_URL'] === '' ? undefined : env['MAESTRO_DATABASE_URL'],
    redisUrl: env['MAESTRO_REDIS_URL'] === '' ? undefined : env['MAESTRO_REDIS_URL'],
    limits,
  };
}

export interface RunningGateway {
  /** `http://host:port` as bound (the port is the real one when 0 was asked for). */
  readonly url: string;
  readonly ledger: Ledger;
  readonly bootstrap: BootstrapResult;
  close(): Promise<void>;
}

/**
 * Starts the gateway: opens the store (embedded PGlite in the data directory, or PostgreSQL),
 * the ledger, the API keys (creating the bootstrap admin key on a first start), then listens.
 * Anything that fails before listening closes what was opened and rethrows.
 */
export async function startGateway(options: {
  readonly settings: GatewaySettings;
  readonly env?: NodeJS.ProcessEnv;
  readonly print?: (line: string) => void;
}): Promise<RunningGateway> {
  const { settings } = options;
  const env = options.env ?? process.env;
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  let store: LedgerStore | undefined;
  let ledger: Ledger | undefined;
  let limits: RateLimits | undefined;
  try {
    store =
      settings.databaseUrl === undefined
        ? await createPgliteStore({ dataDir: settings.dataDir })
        : await createPostgresStore(
            {
              connectionString: settings.databaseUrl,
              ...(settings.databaseRoles === undefined ? {} : { roles: settings.databaseRoles }),
            },
            env,
          );
    ledger = createLedger({ store, dataDir: settings.dataDir });
    const keys = createApiKeyStore(store);
    const bootstrap = await ensureBootstrapKey(keys, { dataDir: settings.dataDir, env, print });
    limits = createRateLimits(settings.limits, {
      ...(settings.redisUrl === undefined ? {} : { redisUrl: settings.redisUrl }),
      keyPrefix: settings.redisKeyPrefix,
    });
    const app = createGatewayApp({
      limits,
      ...(settings.tls === undefined
        ? {}
        : { https: httpsOptions(settings.tls), certificates: certificateIdentities(settings.tls) }),
      ...(settings.oidc === undefined ? {} : { oidc: createOidcVerifier(settings.oidc) }),
      ledger,
      keys,
      bodyLimitBytes: settings.bodyLimitBytes,
      requestTimeoutMs: settings.requestTimeoutMs,
      connectionTimeoutMs: settings.connectionTimeoutMs,
      keepAliveTimeoutMs: settings.keepAliveTimeoutMs,
      scanMaxBytes: settings.scanMaxBytes,
      outputMaxBytes: settings.outputMaxBytes,
      redactionKey: env['MAESTRO_REDACTION_KEY'],
    });
    await app.listen({ host: settings.host, port: settings.port });
    const address = app.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const opened = ledger;
    const openedLimits = limits;
    let closing: Promise<void> | undefined;
    return {
      url: `${settings.tls === undefined ? 'http' : 'https'}://${host}:${address.port}`,
      ledger: opened,
      bootstrap,
      close() {
        closing ??= (async () => {
          await app.close();
          await openedLimits.close();
          await opened.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await limits?.close().catch(() => undefined);
    if (ledger !== undefined) await ledger.close().catch(() => undefined);
    else if (store !== undefined) await store.close().catch(() => undefined);
    throw error;
  }
}

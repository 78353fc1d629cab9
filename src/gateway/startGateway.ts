import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { VERSION } from '../core/version.js';
import { InvalidOptionsError, invalidOptionsFromZod, MaestroError } from '../errors/index.js';
import {
  createLedger,
  createPgliteStore,
  createPostgresStore,
  type Ledger,
  type LedgerStore,
} from '../ledger/index.js';
import { loadPolicyEngine } from '../policy/index.js';
import { createApiKeyStore } from './auth/apiKeys.js';
import { type BootstrapResult, ensureBootstrapKey } from './auth/bootstrapKey.js';
import { type CertificateIdentity, certificateIdentitySchema } from './auth/clientCertificates.js';
import { createOidcVerifier } from './auth/oidc.js';
import { recordConfiguration } from './config/configFingerprint.js';
import type { GatewaySettings, TlsSettings } from './config/gatewaySettings.js';
import { createGatewayApp } from './createApp.js';
import { createRateLimits, type RateLimits } from './limits/rateLimits.js';
import { type OpenedMcp, openMcp } from './mcp/openMcp.js';
import { upstreamCircuitEvent } from './proxy/proxyEvents.js';
import { createToolCallPolicy } from './proxy/toolCallPolicy.js';
import { createUpstreamClient, type UpstreamClient } from './proxy/upstreamClient.js';
import { UPSTREAM_API_KEY_ENV } from './proxy/upstreamSettings.js';

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

/**
 * What start-up checks before it opens anything, for `maestro serve --check`: the TLS files and
 * client identities, the OIDC settings and the tool-call policy set. Throws what start-up would.
 */
export function checkGatewaySettings(settings: GatewaySettings): void {
  if (settings.tls !== undefined) {
    httpsOptions(settings.tls);
    certificateIdentities(settings.tls);
  }
  if (settings.oidc !== undefined) createOidcVerifier(settings.oidc);
  if (settings.toolCalls.policyDir !== undefined) loadPolicyEngine({ dir: settings.toolCalls.policyDir });
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
  let upstream: UpstreamClient | undefined;
  let openedMcp: OpenedMcp | undefined;
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
    await recordConfiguration(ledger, settings, env);
    const opened = ledger;
    upstream =
      settings.upstream === undefined
        ? undefined
        : createUpstreamClient(settings.upstream, {
            apiKey: env[UPSTREAM_API_KEY_ENV] === '' ? undefined : env[UPSTREAM_API_KEY_ENV],
            onCircuitChange: (state) => {
              opened.logRiskEvent(upstreamCircuitEvent(state)).catch(() => undefined);
            },
          });
    const toolCalls = createToolCallPolicy(
      settings.toolCalls,
      settings.toolCalls.policyDir === undefined
        ? undefined
        : loadPolicyEngine({ dir: settings.toolCalls.policyDir }),
    );
    const mcp =
      settings.mcp === undefined ? undefined : await openMcp(settings.mcp, settings.dataDir, opened, env);
    openedMcp = mcp;
    const app = createGatewayApp({
      ...(mcp === undefined
        ? {}
        : { mcp: { catalog: mcp.catalog, executor: mcp.executor, version: VERSION } }),
      proxy: {
        upstream,
        maxResponseBytes: settings.upstream?.maxResponseBytes ?? 8 * 1024 * 1024,
        toolCalls,
        scanOnConfirm: settings.scanOnConfirm,
        outputActions: settings.outputActions,
      },
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
    const openedLimits = limits;
    const openedUpstream = upstream;
    let closing: Promise<void> | undefined;
    return {
      url: `${settings.tls === undefined ? 'http' : 'https'}://${host}:${address.port}`,
      ledger: opened,
      bootstrap,
      close() {
        closing ??= (async () => {
          await app.close();
          await openedUpstream?.close();
          await openedMcp?.close();
          await openedLimits.close();
          await opened.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await upstream?.close().catch(() => undefined);
    await openedMcp?.close().catch(() => undefined);
    await limits?.close().catch(() => undefined);
    if (ledger !== undefined) await ledger.close().catch(() => undefined);
    else if (store !== undefined) await store.close().catch(() => undefined);
    throw error;
  }
}

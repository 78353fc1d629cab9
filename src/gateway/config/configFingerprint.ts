import { createHash } from 'node:crypto';
import { swapFingerprint } from '../../exec/index.js';
import { canonicalJson, type Ledger } from '../../ledger/index.js';
import { BOOTSTRAP_TENANT } from '../auth/bootstrapKey.js';
import type { GatewaySettings } from './gatewaySettings.js';

const digest = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

/** Secrets in the environment count by presence only: their values never enter a fingerprint. */
const SECRET_ENV = ['MAESTRO_UPSTREAM_API_KEY', 'MAESTRO_REDACTION_KEY', 'MAESTRO_BOOTSTRAP_KEY'] as const;

/** The effective configuration by section, as data without secrets (URLs with credentials count by kind). */
export function configSections(settings: GatewaySettings, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const s = settings;
  return {
    server: {
      host: s.host,
      port: s.port,
      bodyLimitBytes: s.bodyLimitBytes,
      requestTimeoutMs: s.requestTimeoutMs,
      connectionTimeoutMs: s.connectionTimeoutMs,
      keepAliveTimeoutMs: s.keepAliveTimeoutMs,
      tls: s.tls ?? null,
    },
    storage: {
      dataDir: s.dataDir,
      database: s.databaseUrl === undefined ? 'embedded' : 'postgres',
      roles: s.databaseRoles ?? null,
    },
    limits: { ...s.limits, shared: s.redisUrl !== undefined, redisKeyPrefix: s.redisKeyPrefix },
    auth: { oidc: s.oidc ?? null },
    scan: { maxBytes: s.scanMaxBytes },
    output: { maxBytes: s.outputMaxBytes, ...s.outputActions },
    upstream: s.upstream ?? null,
    toolCalls: s.toolCalls,
    mcp: s.mcp ?? null,
    secrets: Object.fromEntries(SECRET_ENV.map((name) => [name, (env[name] ?? '') !== ''])),
  };
}

export interface ConfigFingerprint {
  readonly fingerprint: string;
  readonly sections: Readonly<Record<string, string>>;
}

/** SHA-256 over the canonical JSON of the effective configuration, and of each section. */
export function configFingerprint(settings: GatewaySettings, env: NodeJS.ProcessEnv): ConfigFingerprint {
  const sections = configSections(settings, env);
  return {
    fingerprint: digest(sections),
    sections: Object.fromEntries(Object.entries(sections).map(([name, value]) => [name, digest(value)])),
  };
}

/**
 * Compares the effective configuration with the previous start's (C10) and, when it differs (or
 * on a first start), logs one `config_changed` event naming the sections that changed. Awaited:
 * a gateway that cannot record its configuration does not start.
 */
export async function recordConfiguration(
  ledger: Ledger,
  settings: GatewaySettings,
  env: NodeJS.ProcessEnv,
  now: number = Date.now(),
): Promise<{ changed: boolean; fingerprint: string; sections: string[] }> {
  const current = configFingerprint(settings, env);
  const previous = await swapFingerprint(
    ledger.store,
    BOOTSTRAP_TENANT,
    'gateway.config',
    current.fingerprint,
    now,
  );
  if (previous === current.fingerprint)
    return { changed: false, fingerprint: current.fingerprint, sections: [] };
  const sections: string[] = [];
  for (const [name, value] of Object.entries(current.sections)) {
    const before = await swapFingerprint(
      ledger.store,
      BOOTSTRAP_TENANT,
      `gateway.config.${name}`,
      value,
      now,
    );
    if (before !== value) sections.push(name);
  }
  await ledger.logRiskEvent({
    tenantId: BOOTSTRAP_TENANT,
    type: 'config_changed',
    severity: previous === undefined ? 'info' : 'medium',
    detector: 'gateway.config',
    refs: { layers: [7], controls: ['C10'], threats: ['T5'] },
    actor: { principal: 'maestro:gateway' },
    preview:
      previous === undefined
        ? 'gateway configuration first seen'
        : `gateway configuration changed: ${sections.join(', ')}`,
    attributes: {
      fingerprint: current.fingerprint,
      previous: previous ?? null,
      sections,
      file: settings.configFile ?? null,
    },
  });
  return { changed: true, fingerprint: current.fingerprint, sections };
}

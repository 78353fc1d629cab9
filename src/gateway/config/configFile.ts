import { z } from 'zod';
import { ledgerRolesSchema } from '../../ledger/index.js';
import { SINKS } from '../../output/index.js';
import { certificateIdentitySchema } from '../auth/clientCertificates.js';
import { oidcSettingsSchema } from '../auth/oidc.js';
import { mcpSettingsSchema } from '../mcp/mcpSettings.js';
import { toolCallSettingsSchema } from '../proxy/toolCallPolicy.js';
import { upstreamSettingsSchema } from '../proxy/upstreamSettings.js';

const positive = (max: number) => z.number().int().min(1).max(max);
const window = z.strictObject({ points: positive(10_000_000), durationSec: positive(86_400) });
const action = z.enum(['block', 'confirm', 'redact']);

/**
 * `maestro.config.(json|yaml)`: everything the gateway is configured with except secrets, which
 * come only from environment variables. Every object is strict: an unknown key refuses to start.
 */
export const configFileSchema = z.strictObject({
  server: z
    .strictObject({
      host: z.string().min(1).max(253).optional(),
      port: z.number().int().min(0).max(65_535).optional(),
      bodyLimitBytes: positive(64 * 1024 * 1024).optional(),
      requestTimeoutMs: positive(3_600_000).optional(),
      connectionTimeoutMs: positive(600_000).optional(),
      keepAliveTimeoutMs: positive(600_000).optional(),
      tls: z
        .strictObject({
          certFile: z.string().min(1),
          keyFile: z.string().min(1),
          caFile: z.string().min(1).optional(),
          requireClientCert: z.boolean().default(false),
          identities: z.array(certificateIdentitySchema).max(10_000).optional(),
        })
        .optional(),
    })
    .optional(),
  storage: z
    .strictObject({
      dataDir: z.string().min(1).optional(),
      databaseRoles: ledgerRolesSchema.optional(),
    })
    .optional(),
  limits: z
    .strictObject({
      perTenant: window.optional(),
      perPrincipal: window.optional(),
      concurrencyPerTenant: positive(1_000_000).optional(),
      redisKeyPrefix: z.string().min(1).max(64).optional(),
    })
    .optional(),
  auth: z.strictObject({ oidc: oidcSettingsSchema.optional() }).optional(),
  scan: z
    .strictObject({
      maxBytes: positive(16 * 1024 * 1024).optional(),
      /** A proxied request whose scan lane is `confirm`: forwarded with an event (default) or refused. */
      onConfirm: z.enum(['forward', 'block']).optional(),
    })
    .optional(),
  output: z
    .strictObject({
      maxBytes: positive(16 * 1024 * 1024).optional(),
      /** Secrets in a whole completion: redacted by default. */
      onSecret: action.optional(),
      /** Secrets in a stream: stopped by default (streamed text cannot be taken back). */
      streamOnSecret: action.optional(),
      onPii: action.optional(),
      /** Where completions are rendered (default markdown: image beacons and raw HTML are neutralised). */
      sink: z.enum(SINKS).optional(),
      /** Hosts links and images in completions may point to. */
      allowedHosts: z.array(z.string().min(1).max(253)).max(1000).optional(),
    })
    .optional(),
  upstream: upstreamSettingsSchema.optional(),
  toolCalls: toolCallSettingsSchema.optional(),
  mcp: mcpSettingsSchema.optional(),
});

export type ConfigFile = z.output<typeof configFileSchema>;

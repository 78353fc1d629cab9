import { z } from 'zod';

/** The LLM API the gateway forwards to (OpenAI wire format), and how hard it tries. */
export const upstreamSettingsSchema = z.strictObject({
  /** Base URL up to and including the version, e.g. `https://api.openai.com/v1`. */
  baseUrl: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'expected an http or https URL')
    .refine(
      (u) => !/^https?:\/\/[^/]*@/.test(u),
      'credentials do not belong in the URL: use MAESTRO_UPSTREAM_API_KEY',
    ),
  /** Until the upstream has sent its response headers. */
  headersTimeoutMs: z.number().int().min(100).max(600_000).default(60_000),
  /** Longest silence between two parts of a response body (a stalled stream). */
  bodyTimeoutMs: z.number().int().min(100).max(600_000).default(60_000),
  connectTimeoutMs: z.number().int().min(100).max(60_000).default(5_000),
  /** Extra attempts after a failure that is safe to retry (nothing reached the upstream, or it answered 503). */
  retries: z.number().int().min(0).max(5).default(2),
  circuit: z
    .strictObject({
      /** Consecutive failed attempts that open the circuit. */
      consecutiveFailures: z.number().int().min(1).max(1000).default(5),
      /** How long the circuit stays open before one trial request. */
      halfOpenAfterMs: z.number().int().min(100).max(600_000).default(10_000),
    })
    .default({ consecutiveFailures: 5, halfOpenAfterMs: 10_000 }),
  /** Largest non-streamed response body accepted from the upstream. */
  maxResponseBytes: z
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(8 * 1024 * 1024),
  /** Connections kept to the upstream. */
  connections: z.number().int().min(1).max(4096).default(256),
});

export type UpstreamSettings = z.output<typeof upstreamSettingsSchema>;

/** The environment variable holding the upstream's API key (never in the file). */
export const UPSTREAM_API_KEY_ENV = 'MAESTRO_UPSTREAM_API_KEY';

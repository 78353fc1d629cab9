import { z } from 'zod';
// By path, not through core/index: the core's public surface stays free of zod.
import { contextSchema } from '../core/contextSchema.js';
import { InvalidOptionsError, invalidOptionsFromZod } from '../errors/index.js';
import { PII_ENTITY_NAMES } from './pii/index.js';
import type { Vault } from './redact/index.js';
import { REDACTION_MODES, SINKS } from './types.js';

/** Outputs are larger than prompts: 1 MiB by default, at most 16 MiB. */
export const DEFAULT_OUTPUT_MAX_BYTES = 1024 * 1024;

const vaultSchema = z.custom<Vault>(
  (v) => typeof v === 'object' && v !== null && typeof (v as { tokenize?: unknown }).tokenize === 'function',
  { message: 'expected a vault from createVault()' },
);

export const scanOutputOptionsSchema = z.strictObject({
  sink: z.enum(SINKS).optional(),
  allowedHosts: z.array(z.string().min(1).max(253)).max(1000).optional(),
  redaction: z.enum(REDACTION_MODES).optional(),
  redactionKey: z.union([z.string().min(16), z.instanceof(Uint8Array)]).optional(),
  vault: vaultSchema.optional(),
  fingerprintKey: z.union([z.string().min(1), z.instanceof(Uint8Array)]).optional(),
  secrets: z.boolean().optional(),
  pii: z.union([z.boolean(), z.array(z.enum(PII_ENTITY_NAMES))]).optional(),
  onSecret: z.enum(['block', 'confirm', 'redact']).optional(),
  onPii: z.enum(['block', 'confirm', 'redact']).optional(),
  maxBytes: z
    .number()
    .int()
    .min(1)
    .max(16 * 1024 * 1024)
    .optional(),
  enabled: z.boolean().optional(),
  context: contextSchema.optional(),
});

export type ScanOutputOptions = z.input<typeof scanOutputOptionsSchema>;

/** Validates options; the error names the key, never its value. */
export function resolveOutputOptions(options: unknown): ScanOutputOptions {
  if (options === undefined) return {};
  const parsed = scanOutputOptionsSchema.safeParse(options);
  if (parsed.success) {
    const o = parsed.data;
    if (o.redaction === 'tokenize' && o.vault === undefined) {
      throw new InvalidOptionsError(
        "Invalid option vault: redaction 'tokenize' needs a vault from createVault().",
        ['vault'],
      );
    }
    if (o.redactionKey instanceof Uint8Array && o.redactionKey.length < 16) {
      throw new InvalidOptionsError('Invalid option redactionKey: at least 16 bytes are needed.', [
        'redactionKey',
      ]);
    }
    return o;
  }
  throw invalidOptionsFromZod(parsed.error);
}

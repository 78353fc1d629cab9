import { z } from 'zod';
import { contextSchema, sourceSchema } from '../core/contextSchema.js';
import { MAX_MAX_BYTES } from './options.js';
import type { InjectionClassifier } from './types.js';

const thresholdsSchema = z
  .strictObject({ confirm: z.number().min(0).max(1), block: z.number().min(0).max(1) })
  .refine((t) => t.confirm <= t.block, { message: 'confirm must not be above block' });

const classifierSchema = z.custom<InjectionClassifier>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { score?: unknown }).score === 'function',
  { message: 'expected an object with an id and a score(text) function' },
);

/**
 * The published contract of `securityScan`'s options (exported from `maestro/schemas`, e.g. for
 * JSON Schema). The scan itself validates with `resolveScanOptions`, which a property test holds
 * to exactly this schema, so importing the scanner does not load zod.
 */
export const scanOptionsSchema = z.strictObject({
  source: sourceSchema.optional(),
  context: contextSchema.optional(),
  maxBytes: z.number().int().min(1).max(MAX_MAX_BYTES).optional(),
  thresholds: z.partialRecord(sourceSchema, thresholdsSchema).optional(),
  enabled: z.boolean().optional(),
  classifier: classifierSchema.optional(),
});

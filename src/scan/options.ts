import { z } from 'zod';
import { contextSchema, SOURCES, sourceSchema } from '../core/index.js';
import { invalidOptionsFromZod } from '../errors/index.js';
import type { InjectionClassifier, ScanOptions } from './types.js';

export const DEFAULT_MAX_BYTES = 65_536;
/** Beyond this the ceiling stops being a defence: 16 MiB. */
export const MAX_MAX_BYTES = 16 * 1024 * 1024;

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

export const scanOptionsSchema = z.strictObject({
  source: sourceSchema.optional(),
  context: contextSchema.optional(),
  maxBytes: z.number().int().min(1).max(MAX_MAX_BYTES).optional(),
  thresholds: z.partialRecord(sourceSchema, thresholdsSchema).optional(),
  enabled: z.boolean().optional(),
  classifier: classifierSchema.optional(),
});

/** Options after validation, with defaults applied. */
export interface ResolvedScanOptions {
  readonly source: (typeof SOURCES)[number];
  readonly maxBytes: number;
  readonly raw: ScanOptions;
}

const SOURCE_SET: ReadonlySet<string> = new Set(SOURCES);
const SIMPLE_KEYS: ReadonlySet<string> = new Set(['source', 'maxBytes', 'enabled']);

/**
 * The common call shape (`{ source }`, `maxBytes`, `enabled`) checked without zod, which costs
 * microseconds per call. It accepts only what the schema accepts; anything else, and every
 * error, goes through the schema.
 */
function resolveSimple(options: object): ResolvedScanOptions | undefined {
  if (Object.getPrototypeOf(options) !== Object.prototype) return undefined;
  const o = options as Record<string, unknown>;
  for (const key in o) if (!SIMPLE_KEYS.has(key)) return undefined;
  const { source, maxBytes, enabled } = o;
  if (source !== undefined && !(typeof source === 'string' && SOURCE_SET.has(source))) return undefined;
  if (
    maxBytes !== undefined &&
    !(
      typeof maxBytes === 'number' &&
      Number.isInteger(maxBytes) &&
      maxBytes >= 1 &&
      maxBytes <= MAX_MAX_BYTES
    )
  ) {
    return undefined;
  }
  if (enabled !== undefined && typeof enabled !== 'boolean') return undefined;
  return {
    source: (source as ResolvedScanOptions['source'] | undefined) ?? 'user',
    maxBytes: (maxBytes as number | undefined) ?? DEFAULT_MAX_BYTES,
    raw: o as ScanOptions,
  };
}

/** Validates options with zod; the error names the offending key, never its value. */
export function resolveScanOptions(options: unknown): ResolvedScanOptions {
  if (options === undefined) return { source: 'user', maxBytes: DEFAULT_MAX_BYTES, raw: {} };
  if (typeof options === 'object' && options !== null) {
    const simple = resolveSimple(options);
    if (simple !== undefined) return simple;
  }
  const parsed = scanOptionsSchema.safeParse(options);
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  const raw = parsed.data as ScanOptions;
  return {
    source: raw.source ?? raw.context?.source ?? 'user',
    maxBytes: raw.maxBytes ?? DEFAULT_MAX_BYTES,
    raw,
  };
}

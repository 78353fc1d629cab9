import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SOURCES } from '../core/index.js';
import { MaestroError } from '../errors/index.js';
import { resolveScanOptions } from './options.js';
import { scanOptionsSchema } from './optionsSchema.js';

const classifier = { id: 'c', score: () => 0 };

/** Values that sit on both sides of every check the schema makes. */
const scalar = fc.oneof(
  fc.constantFrom(...SOURCES, 'email', '', 'x'.repeat(129), 'x'.repeat(257), null, undefined, true, false),
  fc.constantFrom(
    0,
    1,
    0.5,
    -0.1,
    1.1,
    65_536,
    16 * 1024 * 1024,
    16 * 1024 * 1024 + 1,
    2 ** 53,
    NaN,
    Infinity,
  ),
  fc.integer({ min: -5, max: 20 * 1024 * 1024 }),
  fc.double(),
  fc.string({ maxLength: 3 }),
);
const thresholdPair = fc.oneof(
  fc.record({
    confirm: fc.oneof(fc.double({ min: -0.5, max: 1.5 }), scalar),
    block: fc.double({ min: -0.5, max: 1.5 }),
  }),
  fc.record(
    { confirm: fc.double({ min: 0, max: 1 }), block: fc.double({ min: 0, max: 1 }), extra: scalar },
    { requiredKeys: [] },
  ),
  scalar,
);
const thresholds = fc.oneof(
  fc.dictionary(fc.constantFrom(...SOURCES, 'email', 'toString'), thresholdPair, { maxKeys: 3 }),
  scalar,
  fc.constant([]),
);
/** Strings around every length bound (0, 1, 128, 129, 256, 257). */
const boundedString = fc.constantFrom(0, 1, 2, 127, 128, 129, 255, 256, 257).map((n) => 'x'.repeat(n));
const context = fc.oneof(
  fc.dictionary(
    fc.constantFrom('tenantId', 'traceId', 'principal', 'agentId', 'source', 'other'),
    fc.oneof(boundedString, scalar),
    { maxKeys: 3 },
  ),
  scalar,
);
const classifierValue = fc.oneof(
  fc.constant(classifier),
  fc.constant({ id: 1, score: () => 0 }),
  fc.constant({ id: 'c' }),
  fc.constant(Object.assign([], { id: 'c', score: () => 0 })),
  scalar,
);
const optionValue = fc.oneof(scalar, thresholds, context, classifierValue);
const options = fc.oneof(
  fc.record(
    {
      source: fc.oneof(fc.constantFrom(...SOURCES), scalar),
      context,
      maxBytes: scalar,
      thresholds,
      enabled: scalar,
      classifier: classifierValue,
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(
    fc.constantFrom('source', 'context', 'maxBytes', 'thresholds', 'enabled', 'classifier', 'other'),
    optionValue,
    { maxKeys: 4 },
  ),
  scalar,
  fc.constant([]),
);

function resolves(o: unknown): ReturnType<typeof resolveScanOptions> | undefined {
  try {
    return resolveScanOptions(o);
  } catch (error) {
    expect(error).toBeInstanceOf(MaestroError);
    expect((error as MaestroError).code).toBe('ERR_INVALID_OPTIONS');
    return undefined;
  }
}

describe('resolveScanOptions', () => {
  it('accepts exactly what scanOptionsSchema accepts (property)', () => {
    fc.assert(
      fc.property(options, (o) => {
        const schema = o === undefined ? { success: true as const } : scanOptionsSchema.safeParse(o);
        const resolved = resolves(o);
        expect(resolved !== undefined).toBe(schema.success);
        if (resolved !== undefined && typeof o === 'object' && o !== null) {
          const r = o as Record<string, unknown>;
          const ctx = r['context'] as { source?: string } | undefined;
          expect(resolved.source).toBe((r['source'] as string | undefined) ?? ctx?.source ?? 'user');
          expect(resolved.maxBytes).toBe((r['maxBytes'] as number | undefined) ?? 65_536);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the schema field by field, where one bad field cannot hide another (property)', () => {
    const single = fc.oneof(
      context.map((c) => ({ context: c })),
      thresholds.map((t) => ({ thresholds: t })),
      classifierValue.map((c) => ({ classifier: c })),
      scalar.map((v) => ({ maxBytes: v })),
      scalar.map((v) => ({ source: v })),
      scalar.map((v) => ({ enabled: v })),
    );
    fc.assert(
      fc.property(single, (o) => {
        expect(resolves(o) !== undefined).toBe(scanOptionsSchema.safeParse(o).success);
      }),
      { numRuns: 3000 },
    );
  });

  it('names the offending key and never its value', () => {
    const secret = 'sk-live-DO-NOT-ECHO';
    const cases: Array<[unknown, string]> = [
      [{ source: secret }, 'source'],
      [{ maxBytes: 0 }, 'maxBytes'],
      [{ thresholds: { tool: { confirm: 0.9, block: 0.5 } } }, 'thresholds.tool'],
      [{ thresholds: { tool: { confirm: secret, block: 0.5 } } }, 'thresholds.tool.confirm'],
      [{ context: { tenantId: '' } }, 'context.tenantId'],
      [{ [secret]: 1 }, secret.slice(0, 0)],
      [{ classifier: { id: secret } }, 'classifier'],
    ];
    for (const [o, path] of cases) {
      try {
        resolveScanOptions(o);
        expect.unreachable('should have thrown');
      } catch (error) {
        const e = error as MaestroError;
        expect(e.code).toBe('ERR_INVALID_OPTIONS');
        if (path !== '') expect(e.message).toContain(`option ${path}:`);
        if (!(typeof o === 'object' && o !== null && secret in o)) expect(e.message).not.toContain(secret);
      }
    }
  });
});

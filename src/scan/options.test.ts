import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SOURCES } from '../core/index.js';
import { resolveScanOptions, scanOptionsSchema } from './options.js';

describe('resolveScanOptions', () => {
  it('the fast path agrees with the zod schema on simple option objects (property)', () => {
    const value = fc.oneof(
      fc.constantFrom(...SOURCES, 'email', '', 1, null, true),
      fc.integer({ min: -5, max: 20 * 1024 * 1024 }),
      fc.double(),
      fc.boolean(),
    );
    const options = fc.dictionary(fc.constantFrom('source', 'maxBytes', 'enabled', 'other'), value, {
      maxKeys: 3,
    });
    fc.assert(
      fc.property(options, (o) => {
        const schemaOk = scanOptionsSchema.safeParse(o).success;
        let resolved: ReturnType<typeof resolveScanOptions> | undefined;
        try {
          resolved = resolveScanOptions(o);
        } catch {
          resolved = undefined;
        }
        expect(resolved !== undefined).toBe(schemaOk);
        if (resolved !== undefined) {
          expect(resolved.source).toBe((o['source'] as string | undefined) ?? 'user');
          expect(resolved.maxBytes).toBe((o['maxBytes'] as number | undefined) ?? 65_536);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MaestroError } from '../errors/index.js';
import { validateAgainst } from './validateArgs.js';

const schema = z.strictObject({
  to: z.email(),
  amount: z.number().int().positive().max(1000),
  memo: z.string().max(20).optional(),
  kind: z.enum(['a', 'b']).optional(),
});

function failure(value: unknown): MaestroError {
  try {
    validateAgainst(schema, value, 'input', 'pay');
  } catch (error) {
    if (error instanceof MaestroError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('validateAgainst', () => {
  it('returns the parsed arguments when they fit', () => {
    expect(validateAgainst(schema, { to: 'a@b.co', amount: 5 }, 'input', 'pay')).toEqual({
      to: 'a@b.co',
      amount: 5,
    });
  });

  it('names the field and what was expected', () => {
    const error = failure({ to: 'a@b.co', amount: 5000 });
    expect(error.code).toBe('ERR_TOOL_INVALID_ARGS');
    expect(error.path).toEqual(['amount']);
    expect(error.message).toBe('Invalid argument amount of tool pay: too large (maximum 1000).');
    expect(failure({ amount: 1 }).message).toContain('Invalid argument to of tool pay: expected string');
  });

  it('never repeats a value, an unknown key or a secret the model put in the arguments', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{8,32}$/), (random) => {
        const secret = `Zq${random}`;
        const cases = [
          { to: secret, amount: 1 },
          { to: 'a@b.co', amount: 1, memo: `${secret}${'x'.repeat(30)}` },
          { to: 'a@b.co', amount: 1, kind: secret },
          { to: 'a@b.co', amount: 1, [secret]: 1 },
          { to: 'a@b.co', amount: secret },
        ];
        for (const value of cases) {
          const error = failure(value);
          expect(error.code).toBe('ERR_TOOL_INVALID_ARGS');
          expect(JSON.stringify(error.toJSON())).not.toContain(secret);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('treats a refinement that throws as a failed check', () => {
    const throwing = z.string().refine(() => {
      throw new Error('boom with secret');
    });
    let caught: unknown;
    try {
      validateAgainst(throwing, 'x', 'output', 't');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MaestroError);
    expect((caught as MaestroError).code).toBe('ERR_TOOL_INVALID_OUTPUT');
    expect(JSON.stringify((caught as MaestroError).toJSON())).not.toContain('secret');
  });
});

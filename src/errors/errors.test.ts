import { describe, expect, it } from 'vitest';
import { InputTooLargeError, MaestroError, toSafeError } from './index.js';

describe('MaestroError', () => {
  it('serialises to code and message only: no stack, no cause', () => {
    const error = new MaestroError('ERR_SCAN_FAILED', {
      cause: new Error('db password=hunter2 at /srv/app.ts:10'),
    });
    const body = JSON.stringify(error);
    expect(JSON.parse(body)).toEqual({
      code: 'ERR_SCAN_FAILED',
      message: 'The scan could not complete; the input was blocked.',
    });
    expect(body).not.toContain('hunter2');
    expect(body).not.toContain('app.ts');
  });
  it('gives foreign errors a generic body', () => {
    expect(toSafeError(new Error('connect ECONNREFUSED 10.0.0.5:5432 user=admin'))).toEqual({
      code: 'ERR_INTERNAL',
      message: 'An internal error occurred.',
    });
    expect(toSafeError('a thrown string with a secret sk-123')).toEqual({
      code: 'ERR_INTERNAL',
      message: 'An internal error occurred.',
    });
  });
  it('keeps the stable code on subclasses', () => {
    const error = new InputTooLargeError(70_000, 65_536);
    expect(error).toBeInstanceOf(MaestroError);
    expect(toSafeError(error).code).toBe('ERR_INPUT_TOO_LARGE');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MaestroError } from '../../errors/index.js';
import { decodeCursor, encodeCursor } from './queryCursor.js';

const ulid = fc
  .array(fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'), { minLength: 26, maxLength: 26 })
  .map((c) => c.join(''));
const iso = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
  .map((d) => d.toISOString());

describe('query cursors', () => {
  it('round-trip (property)', () => {
    fc.assert(
      fc.property(iso, ulid, fc.constantFrom('asc' as const, 'desc' as const), (time, id, order) => {
        expect(decodeCursor(encodeCursor({ time, id, order }))).toEqual({ time, id, order });
      }),
    );
  });

  it('refuse anything that is not a cursor, without echoing it', () => {
    const bad = [
      '',
      'not base64!',
      Buffer.from('{"v":1}').toString('base64url'),
      Buffer.from('{"v":1,"t":"x","i":"y","o":"asc"}').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
      'A'.repeat(300),
      Buffer.from('sk-secret-value').toString('base64url'),
    ];
    for (const text of bad) {
      try {
        decodeCursor(text);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(MaestroError);
        expect((error as MaestroError).code).toBe('ERR_INVALID_OPTIONS');
        expect((error as Error).message).not.toContain('sk-secret');
      }
    }
  });

  it('never throws anything but ERR_INVALID_OPTIONS on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        try {
          decodeCursor(text);
        } catch (error) {
          expect((error as MaestroError).code).toBe('ERR_INVALID_OPTIONS');
        }
      }),
    );
  });
});

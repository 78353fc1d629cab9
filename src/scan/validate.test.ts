import { describe, expect, it } from 'vitest';
import { utf8ByteLength } from '../core/index.js';
import {
  InputTooLargeError,
  InvalidInputError,
  InvalidOptionsError,
  type MaestroError,
} from '../errors/index.js';
import { validateInput } from './validate.js';

describe('validateInput', () => {
  it('accepts a string and a list of chat messages', () => {
    expect(validateInput('hello').kind).toBe('text');
    const v = validateInput([
      { role: 'system', content: 'be nice' },
      { role: 'user', content: 'hi' },
    ]);
    expect(v.kind === 'messages' && v.messages.length).toBe(2);
  });
  it('rejects input over the ceiling with ERR_INPUT_TOO_LARGE', () => {
    expect(() => validateInput('x'.repeat(65_537))).toThrow(InputTooLargeError);
    expect(() => validateInput('é'.repeat(40_000))).toThrow(InputTooLargeError); // 80,000 bytes
    expect(() => validateInput('abcdef', { maxBytes: 5 })).toThrow(/6 bytes; the limit is 5/);
    expect(() =>
      validateInput([
        { role: 'user', content: 'x'.repeat(40_000) },
        { role: 'user', content: 'y'.repeat(40_000) },
      ]),
    ).toThrow(InputTooLargeError);
  });
  it('checks the size before the shape of the messages', () => {
    const huge = [{ role: 'nope', content: 'x'.repeat(70_000) }];
    expect(() => validateInput(huge)).toThrow(InputTooLargeError);
  });
  it('rejects malformed input with ERR_INVALID_INPUT and a path, not the value', () => {
    expect(() => validateInput(42)).toThrow(InvalidInputError);
    try {
      validateInput([
        { role: 'user', content: 'ok' },
        { role: 'hacker', content: 'secret-value-123' },
      ]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      const body = (error as MaestroError).toJSON();
      expect(body.code).toBe('ERR_INVALID_INPUT');
      expect(body.path).toEqual([1, 'role']);
      expect(JSON.stringify(body)).not.toContain('secret-value-123');
      expect(JSON.stringify(body)).not.toContain('hacker');
    }
    expect(() => validateInput([{ role: 'user', content: 7 }])).toThrow(/content must be a string/);
  });
  it('rejects lone surrogates', () => {
    expect(() => validateInput('ok \ud800 there')).toThrow(/lone UTF-16 surrogate/);
  });
  it('validates options with zod and names the key', () => {
    expect(() => validateInput('x', { source: 'email' })).toThrow(InvalidOptionsError);
    expect(() => validateInput('x', { maxBytes: -1 })).toThrow(/maxBytes/);
    expect(() => validateInput('x', { unknownKey: true })).toThrow(InvalidOptionsError);
    expect(() => validateInput('x', { thresholds: { user: { confirm: 0.9, block: 0.1 } } })).toThrow(
      /thresholds\.user/,
    );
  });
  it('counts UTF-8 bytes like Buffer.byteLength', () => {
    for (const s of ['', 'abc', 'é', '你好', '😀', 'a\ud800b'])
      expect(utf8ByteLength(s)).toBe(Buffer.byteLength(s));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MaestroError } from '../../errors/index.js';
import { StructuredOutputError } from './errors.js';
import { parseJsonStrict, parseJsonWithReport } from './parseJsonStrict.js';

function errorOf(run: () => unknown): StructuredOutputError {
  try {
    run();
  } catch (error) {
    if (error instanceof StructuredOutputError) return error;
    throw error;
  }
  throw new Error('expected a StructuredOutputError');
}

describe('parseJsonStrict: strict JSON', () => {
  it('parses what JSON.parse parses, with null-prototype objects', () => {
    const text = '{"a":[1,-2.5e3,0,"x\\u00e9\\n\\"",true,false,null,{}],"b":{"c":"d"}}';
    const value = parseJsonStrict(text);
    expect(JSON.stringify(value)).toBe(JSON.stringify(JSON.parse(text)));
    expect(Object.getPrototypeOf(value)).toBeNull();
  });
  it.each([
    ['comments', '{"a":1 /* c */}'],
    ['line comments', '{"a":1} // c'],
    ['trailing comma in an array', '[1,2,]'],
    ['trailing comma in an object', '{"a":1,}'],
    ['NaN', '{"a":NaN}'],
    ['Infinity', '[Infinity]'],
    ['single quotes', "{'a':1}"],
    ['unquoted keys', '{a:1}'],
    ['leading zeros', '[01]'],
    ['leading plus', '[+1]'],
    ['a bare dot', '[1.]'],
    ['hex', '[0x10]'],
    ['raw control characters in strings', '["a\tb"]'],
    ['bad escapes', '["\\x41"]'],
    ['trailing data', '{"a":1} {"b":2}'],
    ['empty text', ''],
    ['unterminated string', '["abc'],
    ['unterminated array', '[1,2'],
    ['numbers out of range', '[1e400]'],
    ['a byte order mark', '\ufeff{}'],
  ])('rejects %s with ERR_OUTPUT_INVALID_JSON', (_name, text) => {
    expect(errorOf(() => parseJsonStrict(text)).code).toBe('ERR_OUTPUT_INVALID_JSON');
  });
  it('rejects duplicate keys, naming the path and never the value', () => {
    const error = errorOf(() => parseJsonStrict('{"user":{"token":"sk-live-123","token":"sk-live-456"}}'));
    expect(error.code).toBe('ERR_OUTPUT_INVALID_JSON');
    expect(error.path).toEqual(['user', 'token']);
    expect(error.message).toContain('$.user.token');
    expect(error.message).not.toContain('sk-live');
    expect(JSON.stringify(error)).not.toContain('sk-live');
  });
  it('reports the path of a syntax error', () => {
    const error = errorOf(() => parseJsonStrict('{"items":[{"ok":true},{"ok":tru}]}'));
    expect(error.path).toEqual(['items', 1, 'ok']);
    expect(error.offset).toBe(28);
  });
});

describe('parseJsonStrict: limits', () => {
  it('stops a 100k-deep bomb with ERR_OUTPUT_TOO_DEEP, no stack overflow', () => {
    for (const bomb of [
      '['.repeat(100_000),
      '{"a":'.repeat(100_000),
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    ]) {
      const error = errorOf(() => parseJsonStrict(bomb));
      expect(error.code).toBe('ERR_OUTPUT_TOO_DEEP');
      expect(error.path).toHaveLength(64);
    }
  });
  it('allows exactly maxDepth levels', () => {
    expect(() => parseJsonStrict(`${'['.repeat(64)}${']'.repeat(64)}`)).not.toThrow();
    expect(errorOf(() => parseJsonStrict(`${'['.repeat(4)}${']'.repeat(4)}`, { maxDepth: 3 })).code).toBe(
      'ERR_OUTPUT_TOO_DEEP',
    );
  });
  it('checks maxBytes in UTF-8 before parsing', () => {
    expect(errorOf(() => parseJsonStrict(`"${'a'.repeat(100)}"`, { maxBytes: 50 })).code).toBe(
      'ERR_OUTPUT_TOO_LARGE',
    );
    expect(errorOf(() => parseJsonStrict(`"${'é'.repeat(30)}"`, { maxBytes: 50 })).code).toBe(
      'ERR_OUTPUT_TOO_LARGE',
    );
    expect(parseJsonStrict(`"${'é'.repeat(20)}"`, { maxBytes: 50 })).toBe('é'.repeat(20));
    expect(errorOf(() => parseJsonStrict(' '.repeat(1024 * 1024 + 1))).code).toBe('ERR_OUTPUT_TOO_LARGE');
  });
  it('checks maxKeys and maxStringLength with the path', () => {
    const keys = errorOf(() => parseJsonStrict('{"a":{"x":1,"y":2,"z":3}}', { maxKeys: 2 }));
    expect([keys.code, keys.path]).toEqual(['ERR_OUTPUT_TOO_LARGE', ['a']]);
    const long = errorOf(() => parseJsonStrict('{"a":["ok","too long"]}', { maxStringLength: 5 }));
    expect([long.code, long.path]).toEqual(['ERR_OUTPUT_TOO_LARGE', ['a', 1]]);
  });
});

describe('parseJsonStrict: prototype pollution', () => {
  it('{"__proto__":{"polluted":1}} does not set ({}).polluted', () => {
    const value = parseJsonStrict('{"__proto__":{"polluted":1},"a":{"__proto__":{"polluted":2}}}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.keys(value as object)).toEqual(['a']);
    const merged = Object.assign({}, value);
    expect((merged as Record<string, unknown>)['polluted']).toBeUndefined();
  });
  it('drops constructor and prototype keys and reports where', () => {
    const report = parseJsonWithReport('{"constructor":{"prototype":{"polluted":1}},"ok":1}');
    expect(JSON.stringify(report.value)).toBe('{"ok":1}');
    expect(report.droppedKeys.map((d) => d.path)).toEqual([['constructor'], ['constructor', 'prototype']]);
  });
  it('rejects them when asked', () => {
    const error = errorOf(() => parseJsonStrict('{"a":{"__proto__":1}}', { unsafeKeys: 'reject' }));
    expect([error.code, error.path]).toEqual(['ERR_OUTPUT_INVALID_JSON', ['a', '__proto__']]);
  });
});

describe('parseJsonStrict: properties', () => {
  it('agrees with JSON.parse on valid JSON', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 8 }), (text) => {
        if (/"(__proto__|constructor|prototype)"\s*:/.test(text)) return;
        expect(JSON.stringify(parseJsonStrict(text))).toBe(JSON.stringify(JSON.parse(text)));
      }),
      { numRuns: 1000 },
    );
  });
  it('never throws anything but typed errors', () => {
    const pieces = [
      '{',
      '}',
      '[',
      ']',
      '"',
      ':',
      ',',
      '1',
      '-',
      '.',
      'e',
      'true',
      'null',
      '\\',
      'u',
      '"__proto__"',
      ' ',
      '\n',
      '/*',
      'NaN',
    ];
    const inputs = fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(inputs, (text) => {
        try {
          parseJsonStrict(text, { maxDepth: 8 });
        } catch (error) {
          expect(error instanceof StructuredOutputError || error instanceof MaestroError).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

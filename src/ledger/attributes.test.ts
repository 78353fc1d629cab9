import { describe, expect, it } from 'vitest';
import { MaestroError } from '../errors/index.js';
import { ATTRIBUTE_LIMITS, attributesProblem, boundAttributes } from './attributes.js';
import { canonicalJson } from './canonicalJson.js';

function rejects(value: unknown): MaestroError {
  try {
    boundAttributes(value);
  } catch (error) {
    expect(error).toBeInstanceOf(MaestroError);
    expect((error as MaestroError).code).toBe('ERR_LEDGER_INVALID_EVENT');
    return error as MaestroError;
  }
  throw new Error('expected a rejection');
}

const nest = (depth: number): Record<string, unknown> => {
  let value: Record<string, unknown> = { leaf: 1 };
  for (let i = 1; i < depth; i++) value = { n: value };
  return value;
};

describe('boundAttributes', () => {
  it('keeps JSON data, cuts and escapes long strings, omits undefined, normalises -0', () => {
    const out = boundAttributes({
      a: 1,
      b: 'x'.repeat(300),
      c: 'line\nbreak',
      d: undefined,
      e: [true, null, -0],
    });
    expect(out).toEqual({
      a: 1,
      b: `${'x'.repeat(ATTRIBUTE_LIMITS.maxStringLength - 1)}…`,
      c: 'line\\u{0A}break',
      e: [true, null, 0],
    });
    expect(Object.is((out.e as unknown[])[2], 0)).toBe(true);
    expect(attributesProblem(out)).toBeUndefined();
  });

  it('refuses structure beyond the limits instead of truncating it, with the path', () => {
    expect(boundAttributes(nest(4))).toEqual(nest(4));
    expect(rejects(nest(5)).path).toEqual(['attributes', 'n', 'n', 'n', 'n']);
    expect(rejects(Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, i]))).path).toEqual([
      'attributes',
    ]);
    expect(rejects({ list: Array.from({ length: 65 }, () => 0) }).path).toEqual(['attributes', 'list']);
    expect(rejects({ a: Number.NaN }).path).toEqual(['attributes', 'a']);
    expect(rejects({ a: [undefined] }).path).toEqual(['attributes', 'a', 0]);
    expect(rejects({ a: 1n }).path).toEqual(['attributes', 'a']);
    expect(rejects({ when: new Date(0) }).path).toEqual(['attributes', 'when']);
    expect(rejects({ m: new Map() }).path).toEqual(['attributes', 'm']);
    expect(rejects([1]).path).toEqual(['attributes']);
    expect(rejects('text').path).toEqual(['attributes']);
  });

  it('refuses more than 2 KiB of canonical JSON', () => {
    const big = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, 'y'.repeat(250)]));
    rejects(big);
    const fits = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`k${i}`, 'y'.repeat(250)]));
    expect(Buffer.byteLength(canonicalJson(boundAttributes(fits)))).toBeLessThanOrEqual(
      ATTRIBUTE_LIMITS.maxBytes,
    );
  });

  it('stops early on huge inputs rather than walking them', () => {
    const wide: unknown[] = Array.from({ length: 60 }, () =>
      Array.from({ length: 60 }, () => Array.from({ length: 60 }, () => 0)),
    );
    rejects({ wide });
  });

  it('restricts keys and refuses prototype-polluting ones without polluting anything', () => {
    const error = rejects({ 'bad key\n': 1 });
    expect(error.message).not.toContain('bad key');
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      rejects(JSON.parse(`{"${key}": {"polluted": true}}`));
      rejects(JSON.parse(`{"nested": {"${key}": {"polluted": true}}}`));
    }
    rejects({ ['k'.repeat(65)]: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('attributesProblem (stored form)', () => {
  it('accepts what boundAttributes returns and refuses what it would change', () => {
    expect(attributesProblem({})).toBeUndefined();
    expect(attributesProblem({ a: [1, 'b', null, { c: false }] })).toBeUndefined();
    expect(attributesProblem({ a: 'line\nbreak' })?.path).toEqual(['a']);
    expect(attributesProblem({ a: 'x'.repeat(257) })?.path).toEqual(['a']);
    expect(attributesProblem({ a: { b: { c: { d: { e: 1 } } } } })?.path).toEqual(['a', 'b', 'c', 'd']);
    expect(attributesProblem(JSON.parse('{"__proto__": 1}'))).toBeDefined();
    expect(attributesProblem([])).toBeDefined();
    expect(
      attributesProblem(Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, 'y'.repeat(250)]))),
    ).toEqual({
      path: [],
      message: `larger than ${ATTRIBUTE_LIMITS.maxBytes} bytes of JSON`,
    });
  });
});

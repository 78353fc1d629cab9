import { describe, expect, it } from 'vitest';
import { decimalLiteral, projectValue, REQUEST_LIMITS } from './projectValue.js';
import { RequestError } from './requestError.js';
import type { RecordType, ValueType } from './schemaModel.js';

const record: RecordType = {
  kind: 'record',
  attributes: [
    { name: 'name', type: { kind: 'string' }, required: true },
    { name: 'count', type: { kind: 'long' }, required: false },
    { name: 'tags', type: { kind: 'set', element: { kind: 'string' } }, required: false },
    { name: 'owner', type: { kind: 'entity', name: 'App::User' }, required: false },
    { name: 'amount', type: { kind: 'extension', name: 'decimal' }, required: false },
    { name: 'at', type: { kind: 'extension', name: 'datetime' }, required: false },
    { name: 'ttl', type: { kind: 'extension', name: 'duration' }, required: false },
    { name: 'ip', type: { kind: 'extension', name: 'ipaddr' }, required: false },
  ],
};

function problem(value: unknown, type: ValueType = record): string {
  try {
    projectValue(value, type, 'x');
  } catch (error) {
    expect(error).toBeInstanceOf(RequestError);
    return (error as Error).message;
  }
  throw new Error('projected');
}

describe('projectValue', () => {
  it('keeps declared attributes in Cedar JSON form and drops the rest', () => {
    expect(
      projectValue(
        {
          name: 'n',
          count: 3,
          tags: ['a'],
          owner: 'bob',
          amount: 12.5,
          at: new Date(Date.UTC(2025, 0, 2)),
          ttl: '1h30m',
          ip: '10.0.0.0/8',
          extra: { __entity: { type: 'App::Admin', id: 'root' } },
          skipped: null,
        },
        record,
        'x',
      ),
    ).toEqual({
      name: 'n',
      count: 3,
      tags: ['a'],
      owner: { __entity: { type: 'App::User', id: 'bob' } },
      amount: { __extn: { fn: 'decimal', arg: '12.5' } },
      at: { __extn: { fn: 'datetime', arg: '2025-01-02T00:00:00.000Z' } },
      ttl: { __extn: { fn: 'duration', arg: '1h30m' } },
      ip: { __extn: { fn: 'ip', arg: '10.0.0.0/8' } },
    });
    expect(
      projectValue({ name: 'n', count: null, owner: { type: 'App::User', id: 'b' } }, record, 'x'),
    ).toEqual({
      name: 'n',
      owner: { __entity: { type: 'App::User', id: 'b' } },
    });
  });

  it('refuses values of the wrong type, naming the path and never the value', () => {
    expect(problem({})).toBe('x.name is required by the policy schema');
    expect(problem({ name: 7 })).toBe('x.name must be a string');
    expect(problem({ name: 'n', count: 2 ** 53 })).toMatch(/^x\.count must be a whole number/);
    expect(problem({ name: 'n', count: '3' })).toMatch(/^x\.count must be a whole number/);
    expect(problem({ name: 'n', tags: 'a' })).toBe('x.tags must be an array');
    expect(problem({ name: 'n', tags: [1] })).toBe('x.tags[0] must be a string');
    expect(problem({ name: 'n', owner: { type: 'App::Admin', id: 'root' } })).toMatch(
      /^x\.owner must be an id of App::User/,
    );
    expect(problem({ name: 'n', amount: 0.00001 })).toBe('x.amount has more than 4 decimal places');
    expect(problem({ name: 'n', amount: 1e300 })).toBe('x.amount is outside the range of a Cedar decimal');
    expect(problem({ name: 'n', ttl: '1 hour' })).toMatch(/^x\.ttl must be a Cedar duration/);
    expect(problem({ name: 'n', at: new Date(Number.NaN) })).toMatch(/^x\.at must be a Date/);
    expect(problem([])).toBe('x must be an object');
    expect(problem(new Map())).toBe('x must be an object');
    expect(problem({ name: 'secret-value', count: 'also-secret' })).not.toContain('secret');
  });

  it('bounds what one request may carry', () => {
    expect(problem({ name: 'x'.repeat(REQUEST_LIMITS.stringLength + 1) })).toMatch(/must be at most/);
    expect(
      problem({ name: 'n', tags: Array.from({ length: REQUEST_LIMITS.setSize + 1 }, () => 'a') }),
    ).toMatch(/at most 1000 elements/);
    let deep: ValueType = { kind: 'string' };
    let value: unknown = 's';
    for (let i = 0; i < REQUEST_LIMITS.depth + 2; i++) {
      deep = { kind: 'set', element: deep };
      value = [value];
    }
    expect(problem(value, deep)).toMatch(/nested too deeply/);
    expect(problem({ name: 'a\ud800' })).toBe('x.name must be well-formed Unicode');
  });

  it('writes decimals exactly, never rounding', () => {
    expect(decimalLiteral(0, 'x')).toBe('0.0');
    expect(decimalLiteral(-3, 'x')).toBe('-3.0');
    expect(decimalLiteral(0.1, 'x')).toBe('0.1');
    expect(decimalLiteral(99.9999, 'x')).toBe('99.9999');
    expect(() => decimalLiteral(1e-7, 'x')).toThrow(RequestError);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MaestroError } from '../errors/index.js';
import { CANONICAL_JSON_MAX_DEPTH, canonicalJson } from './canonicalJson.js';

function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

function expectInvalid(value: unknown, path: ReadonlyArray<string | number>): MaestroError {
  let caught: unknown;
  try {
    canonicalJson(value);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(MaestroError);
  const error = caught as MaestroError;
  expect(error.code).toBe('ERR_LEDGER_INVALID_EVENT');
  expect(error.path).toEqual(path);
  return error;
}

/**
 * Independent oracle: entries sorted with an explicit code-unit comparison, keys and scalars
 * formatted by JSON.stringify (whose number and string forms are the ones RFC 8785 adopted).
 */
function oracle(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oracle).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const d = a.charCodeAt(i) - b.charCodeAt(i);
        if (d !== 0) return d;
      }
      return a.length - b.length;
    });
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${oracle(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The same data with every object's keys inserted in another order. */
function permuted(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item) => permuted(item, seed + 1));
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const order = keys.map((key, i) => ({ key, rank: (i * 7919 + seed * 104729) % (keys.length + 13) }));
    order.sort((a, b) => a.rank - b.rank || (a.key < b.key ? 1 : -1));
    const out: Record<string, unknown> = {};
    for (const { key } of order) {
      Object.defineProperty(out, key, {
        value: permuted((value as Record<string, unknown>)[key], seed + 3),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

describe('canonicalJson: RFC 8785 vectors', () => {
  it('serialises the numbers of RFC 8785 Appendix B', () => {
    const vectors: Array<[string, string]> = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [bits, expected] of vectors) expect(canonicalJson(fromBits(bits))).toBe(expected);
  });

  it('serialises the familiar edge numbers', () => {
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson(1e-7)).toBe('1e-7');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(333333333.3333333)).toBe('333333333.3333333');
    expect(canonicalJson([4.5, 2e-3, 1e30])).toBe('[4.5,0.002,1e+30]');
  });

  it('reproduces the example of RFC 8785 §3.2.4', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    expect(canonicalJson(JSON.parse(input))).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3), surrogate pairs by their high half', () => {
    const input = JSON.parse(String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`);
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis",' +
        '"€":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('escapes exactly what RFC 8785 escapes: quote, backslash and C0 controls', () => {
    expect(canonicalJson('\b\t\n\f\r\u0001\u001f"\\/\u007f\u2028é')).toBe(
      '"\\b\\t\\n\\f\\r\\u0001\\u001f\\"\\\\/\u007f\u2028é"',
    );
  });

  it('has no whitespace and keeps array order', () => {
    expect(canonicalJson({ b: [3, 1, 2], a: { d: null, c: true } })).toBe(
      '{"a":{"c":true,"d":null},"b":[3,1,2]}',
    );
  });
});

describe('canonicalJson: JSON semantics for JavaScript values', () => {
  it('omits undefined members, honours toJSON and unwraps boxed primitives', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson({ at: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)) })).toBe(
      '{"at":"2025-01-02T03:04:05.006Z"}',
    );
    expect(canonicalJson([new Number(1), new String('s'), new Boolean(false)])).toBe('[1,"s",false]');
    expect(canonicalJson(Object.assign(Object.create(null), { z: 1, a: 2 }))).toBe('{"a":2,"z":1}');
  });

  it('refuses what is not I-JSON, naming the path but never the value', () => {
    expectInvalid(Number.NaN, []);
    expectInvalid({ a: [1, Number.POSITIVE_INFINITY] }, ['a', 1]);
    expectInvalid({ n: 1n }, ['n']);
    expectInvalid({ f: () => 1 }, ['f']);
    expectInvalid([1, undefined], [1]);
    expectInvalid(undefined, []);
    expectInvalid({ s: Symbol('x') }, ['s']);
    expectInvalid({ m: new Map([[1, 2]]) }, ['m']);
    expectInvalid({ set: new Set([1]) }, ['set']);
    expectInvalid({ bytes: new Uint8Array(2) }, ['bytes']);
    const secret = 'sk-live-DO-NOT-LOG';
    const error = expectInvalid({ deep: { text: `${secret}\ud800` } }, ['deep', 'text']);
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
    expectInvalid({ [`k\udc00`]: 1 }, ['?']);
  });

  it('refuses cycles and excessive depth with its own error, not a stack overflow', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = { back: cycle };
    expectInvalid(cycle, ['self', 'back']);
    let deep: unknown = 0;
    for (let i = 0; i < CANONICAL_JSON_MAX_DEPTH + 5; i++) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(MaestroError);
    let ok: unknown = 0;
    for (let i = 0; i < CANONICAL_JSON_MAX_DEPTH - 1; i++) ok = [ok];
    expect(canonicalJson(ok)).toHaveLength(2 * (CANONICAL_JSON_MAX_DEPTH - 1) + 1);
  });

  it('allows shared (acyclic) references', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared, shared] })).toBe('{"a":{"x":1},"b":[{"x":1},{"x":1}]}');
  });
});

describe('canonicalJson: properties', () => {
  const json = fc.jsonValue({ maxDepth: 5 });

  it('round-trips: JSON.parse(canonicalJson(x)) equals x', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with an independent serialiser', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(value)).toBe(oracle(value));
      }),
      { numRuns: 400 },
    );
  });

  it('does not depend on the order in which keys were inserted', () => {
    fc.assert(
      fc.property(json, fc.nat(1000), (value, seed) => {
        expect(canonicalJson(permuted(value, seed))).toBe(canonicalJson(value));
      }),
      { numRuns: 400 },
    );
  });

  it('is idempotent through a parse', () => {
    fc.assert(
      fc.property(json, (value) => {
        const once = canonicalJson(value);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
      }),
      { numRuns: 200 },
    );
  });
});

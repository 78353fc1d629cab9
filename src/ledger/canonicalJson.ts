import { InvalidRiskEventError } from './ledgerErrors.js';

/** Deeper than this is refused: it protects the stack, and no ledger value legitimately nests so far. */
export const CANONICAL_JSON_MAX_DEPTH = 512;

class CanonicalJsonProblem {
  readonly path: PropertyKey[] = [];
  constructor(readonly problem: string) {}
}

/**
 * RFC 8785 (JSON Canonicalization Scheme): object keys sorted by UTF-16 code units, numbers in
 * ECMAScript's shortest round-trip form (-0 is 0), strings escaped as JSON.stringify does, no
 * whitespace. Input outside I-JSON is refused rather than coerced: non-finite numbers, bigint,
 * symbols, functions, `undefined` in arrays or at the top, lone surrogates, cycles, Map/Set and
 * binary views. As in JSON.stringify, `undefined` object members are omitted and `toJSON()` is
 * honoured (so a Date becomes its ISO string); boxed primitives are unwrapped.
 *
 * @throws MaestroError ERR_LEDGER_INVALID_EVENT naming the path of the offending value.
 */
export function canonicalJson(value: unknown): string {
  // Plain data (the common case) takes a lean path; anything else, including every error, is
  // handled by the general path, which tracks where it is and so can say where a problem is.
  try {
    return fastSerialise(value, 0);
  } catch (error) {
    if (error !== NOT_PLAIN) throw error;
  }
  try {
    const text = serialise(value, '', 0, new Set());
    if (text === undefined) throw new CanonicalJsonProblem('undefined is not JSON');
    return text;
  } catch (error) {
    if (error instanceof CanonicalJsonProblem) throw new InvalidRiskEventError(error.problem, error.path);
    throw error;
  }
}

const NOT_PLAIN = Symbol('not plain JSON data');

function fastSerialise(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      if (!value.isWellFormed()) throw NOT_PLAIN;
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw NOT_PLAIN;
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      // Cycles end here too, and are then reported precisely by the general path.
      if (depth >= CANONICAL_JSON_MAX_DEPTH) throw NOT_PLAIN;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype || 'toJSON' in value) throw NOT_PLAIN;
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += fastSerialise(value[i], depth + 1);
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if ((proto !== Object.prototype && proto !== null) || 'toJSON' in value) throw NOT_PLAIN;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        const member = record[key];
        if (member === undefined) throw NOT_PLAIN;
        if (!key.isWellFormed()) throw NOT_PLAIN;
        if (out.length > 1) out += ',';
        out += `${JSON.stringify(key)}:${fastSerialise(member, depth + 1)}`;
      }
      return `${out}}`;
    }
    default:
      throw NOT_PLAIN;
  }
}

function serialise(value: unknown, key: string, depth: number, ancestors: Set<object>): string | undefined {
  switch (typeof value) {
    case 'string':
      if (!value.isWellFormed()) throw new CanonicalJsonProblem('string contains a lone surrogate');
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonProblem('number is not finite');
      // ECMAScript Number::toString is exactly the serialisation RFC 8785 §3.2.2.3 prescribes.
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return undefined;
    case 'object':
      if (value === null) return 'null';
      return serialiseObject(value, key, depth, ancestors);
    default:
      throw new CanonicalJsonProblem(`a ${typeof value} is not JSON`);
  }
}

function serialiseObject(
  value: object,
  key: string,
  depth: number,
  ancestors: Set<object>,
): string | undefined {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return serialise(toJSON.call(value, key), key, depth, ancestors);
  if (value instanceof Number || value instanceof String || value instanceof Boolean) {
    return serialise(value.valueOf(), key, depth, ancestors);
  }
  if (value instanceof Map || value instanceof Set || value instanceof WeakMap || value instanceof WeakSet) {
    throw new CanonicalJsonProblem('a Map or Set is not JSON');
  }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    throw new CanonicalJsonProblem('binary data is not JSON');
  }
  if (depth >= CANONICAL_JSON_MAX_DEPTH) {
    throw new CanonicalJsonProblem(`nested deeper than ${CANONICAL_JSON_MAX_DEPTH} levels`);
  }
  if (ancestors.has(value)) throw new CanonicalJsonProblem('value contains a cycle');
  ancestors.add(value);
  const text = Array.isArray(value)
    ? serialiseArray(value, depth, ancestors)
    : serialiseMembers(value as Record<string, unknown>, depth, ancestors);
  ancestors.delete(value);
  return text;
}

function serialiseArray(value: readonly unknown[], depth: number, ancestors: Set<object>): string {
  let out = '[';
  for (let i = 0; i < value.length; i++) {
    let item: string | undefined;
    try {
      item = serialise(value[i], String(i), depth + 1, ancestors);
      if (item === undefined) throw new CanonicalJsonProblem('undefined is not JSON');
    } catch (error) {
      if (error instanceof CanonicalJsonProblem) error.path.unshift(i);
      throw error;
    }
    out += i === 0 ? item : `,${item}`;
  }
  return `${out}]`;
}

function serialiseMembers(value: Record<string, unknown>, depth: number, ancestors: Set<object>): string {
  // Array.prototype.sort without a comparator orders strings by UTF-16 code units (RFC 8785 §3.2.3).
  const keys = Object.keys(value).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    let member: string | undefined;
    try {
      if (!key.isWellFormed()) throw new CanonicalJsonProblem('key contains a lone surrogate');
      member = serialise(value[key], key, depth + 1, ancestors);
    } catch (error) {
      if (error instanceof CanonicalJsonProblem) error.path.unshift(key);
      throw error;
    }
    if (member === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${member}`;
    first = false;
  }
  return `${out}}`;
}

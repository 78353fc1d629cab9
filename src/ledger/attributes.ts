import { canonicalJson } from './canonicalJson.js';
import { InvalidRiskEventError } from './ledgerErrors.js';
import { boundedText, isSafeText } from './safeText.js';

/** JSON values an event may carry as attributes once bounded. */
export type AttributeValue = null | boolean | number | string | AttributeValue[] | AttributeObject;
export interface AttributeObject {
  [key: string]: AttributeValue;
}

export const ATTRIBUTE_LIMITS = {
  /** The attributes object itself is depth 1. */
  maxDepth: 4,
  maxKeys: 64,
  maxItems: 64,
  /** UTF-8 bytes of the canonical JSON of the whole attributes object. */
  maxBytes: 2048,
  /** UTF-16 code units of a string value after control characters are escaped. */
  maxStringLength: 256,
} as const;

const KEY = /^[A-Za-z0-9_.-]{1,64}$/;
// Keys that are harmless in a store but dangerous the moment some consumer merges the object.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isAttributeKey(key: string): boolean {
  return KEY.test(key) && !FORBIDDEN_KEYS.has(key);
}

export interface AttributeProblem {
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
}

class Budget {
  nodes = 0;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Validates caller attributes and returns their bounded copy: structure that does not fit is
 * refused (ERR_LEDGER_INVALID_EVENT with the path, never the value), only long strings are cut
 * and their control characters escaped. `undefined` members are omitted, as JSON does; -0 is 0.
 */
export function boundAttributes(
  value: unknown,
  path: ReadonlyArray<PropertyKey> = ['attributes'],
): AttributeObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidRiskEventError('expected a JSON object', path);
  }
  const result = boundValue(value, [...path], 1, new Budget()) as AttributeObject;
  if (Buffer.byteLength(canonicalJson(result)) > ATTRIBUTE_LIMITS.maxBytes) {
    throw new InvalidRiskEventError(`larger than ${ATTRIBUTE_LIMITS.maxBytes} bytes of JSON`, path);
  }
  return result;
}

function boundValue(value: unknown, path: PropertyKey[], depth: number, budget: Budget): AttributeValue {
  // Every value takes at least one byte of JSON: past this many the byte limit is certainly broken.
  if (++budget.nodes > ATTRIBUTE_LIMITS.maxBytes) {
    throw new InvalidRiskEventError(
      `larger than ${ATTRIBUTE_LIMITS.maxBytes} bytes of JSON`,
      path.slice(0, 1),
    );
  }
  switch (typeof value) {
    case 'string':
      return boundedText(value, ATTRIBUTE_LIMITS.maxStringLength);
    case 'number':
      if (!Number.isFinite(value)) throw new InvalidRiskEventError('number is not finite', path);
      return value === 0 ? 0 : value;
    case 'boolean':
      return value;
    case 'object': {
      if (value === null) return null;
      if (depth > ATTRIBUTE_LIMITS.maxDepth) {
        throw new InvalidRiskEventError(`nested deeper than ${ATTRIBUTE_LIMITS.maxDepth} levels`, path);
      }
      if (Array.isArray(value)) return boundArray(value, path, depth, budget);
      if (!isPlainObject(value)) throw new InvalidRiskEventError('expected plain JSON data', path);
      return boundObject(value, path, depth, budget);
    }
    default:
      throw new InvalidRiskEventError(`a ${typeof value} is not JSON`, path);
  }
}

function boundArray(
  value: readonly unknown[],
  path: PropertyKey[],
  depth: number,
  budget: Budget,
): AttributeValue[] {
  if (value.length > ATTRIBUTE_LIMITS.maxItems) {
    throw new InvalidRiskEventError(`more than ${ATTRIBUTE_LIMITS.maxItems} items`, path);
  }
  const out: AttributeValue[] = [];
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (item === undefined) throw new InvalidRiskEventError('undefined is not JSON', [...path, i]);
    out.push(boundValue(item, [...path, i], depth + 1, budget));
  }
  return out;
}

function boundObject(
  value: Record<string, unknown>,
  path: PropertyKey[],
  depth: number,
  budget: Budget,
): AttributeObject {
  const keys = Object.keys(value);
  if (keys.length > ATTRIBUTE_LIMITS.maxKeys) {
    throw new InvalidRiskEventError(`more than ${ATTRIBUTE_LIMITS.maxKeys} keys`, path);
  }
  const out: AttributeObject = {};
  for (const key of keys) {
    if (!isAttributeKey(key)) {
      throw new InvalidRiskEventError(
        'keys must be 1 to 64 of [A-Za-z0-9_.-] and not __proto__, constructor or prototype',
        path,
      );
    }
    const member = value[key];
    if (member === undefined) continue;
    out[key] = boundValue(member, [...path, key], depth + 1, budget);
  }
  return out;
}

/**
 * For stored events: the first reason the value is not already in bounded form (what
 * `boundAttributes` returns is), or undefined. Allocates nothing unless it finds a problem.
 */
export function attributesProblem(value: unknown): AttributeProblem | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { path: [], message: 'expected a JSON object' };
  }
  const state = { nodes: 0, bytesUpperBound: 0 };
  const problem = checkValue(value, 1, state);
  if (problem !== undefined) return problem;
  // Cheap upper bound first; the exact canonical size only when it might be too big.
  if (
    state.bytesUpperBound > ATTRIBUTE_LIMITS.maxBytes &&
    Buffer.byteLength(canonicalJson(value)) > ATTRIBUTE_LIMITS.maxBytes
  ) {
    return { path: [], message: `larger than ${ATTRIBUTE_LIMITS.maxBytes} bytes of JSON` };
  }
  return undefined;
}

const under = (segment: PropertyKey, problem: AttributeProblem): AttributeProblem => ({
  path: [segment, ...problem.path],
  message: problem.message,
});

function checkValue(
  value: unknown,
  depth: number,
  state: { nodes: number; bytesUpperBound: number },
): AttributeProblem | undefined {
  if (++state.nodes > ATTRIBUTE_LIMITS.maxBytes) {
    return { path: [], message: `larger than ${ATTRIBUTE_LIMITS.maxBytes} bytes of JSON` };
  }
  switch (typeof value) {
    case 'string':
      if (!isSafeText(value, ATTRIBUTE_LIMITS.maxStringLength)) {
        return { path: [], message: 'string is too long or has unescaped control characters' };
      }
      // Quotes, and at worst 2 bytes of JSON escape or 3 bytes of UTF-8 per code unit.
      state.bytesUpperBound += 2 + 3 * value.length;
      return undefined;
    case 'number':
      if (!Number.isFinite(value)) return { path: [], message: 'number is not finite' };
      state.bytesUpperBound += 24;
      return undefined;
    case 'boolean':
      state.bytesUpperBound += 5;
      return undefined;
    case 'object': {
      if (value === null) {
        state.bytesUpperBound += 4;
        return undefined;
      }
      if (depth > ATTRIBUTE_LIMITS.maxDepth) {
        return { path: [], message: `nested deeper than ${ATTRIBUTE_LIMITS.maxDepth} levels` };
      }
      if (Array.isArray(value)) {
        if (value.length > ATTRIBUTE_LIMITS.maxItems) {
          return { path: [], message: `more than ${ATTRIBUTE_LIMITS.maxItems} items` };
        }
        state.bytesUpperBound += 2 + value.length;
        for (let i = 0; i < value.length; i++) {
          const problem = checkValue(value[i], depth + 1, state);
          if (problem !== undefined) return under(i, problem);
        }
        return undefined;
      }
      if (!isPlainObject(value)) return { path: [], message: 'expected plain JSON data' };
      const keys = Object.keys(value);
      if (keys.length > ATTRIBUTE_LIMITS.maxKeys) {
        return { path: [], message: `more than ${ATTRIBUTE_LIMITS.maxKeys} keys` };
      }
      state.bytesUpperBound += 2;
      for (const key of keys) {
        if (!isAttributeKey(key)) return { path: [], message: 'invalid key' };
        state.bytesUpperBound += key.length + 4;
        const problem = checkValue(value[key], depth + 1, state);
        if (problem !== undefined) return under(key, problem);
      }
      return undefined;
    }
    default:
      return { path: [], message: 'not JSON' };
  }
}

import type { CedarValueJson } from '@cedar-policy/cedar-wasm/nodejs';
import { entityIdProblem } from './entityIds.js';
import { RequestError } from './requestError.js';
import type { RecordType, ValueType } from './schemaModel.js';

/** Bounds on what one request may carry, so that a decision stays cheap whatever the input. */
export const REQUEST_LIMITS = {
  /** Longest string value. */
  stringLength: 65_536,
  /** Most elements of one set. */
  setSize: 1_000,
  /** Deepest nesting of records and sets. */
  depth: 16,
} as const;

const DECIMAL_LITERAL = /^-?\d{1,15}\.\d{1,4}$/;
const DURATION_LITERAL = /^-?(?:\d+(?:d|h|ms|m|s))+$/;
/** Cedar decimals are 64-bit integers of ten-thousandths. */
const DECIMAL_LIMIT = 922_337_203_685_477;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A number as a Cedar decimal literal (at most 4 decimal places, no rounding). */
export function decimalLiteral(value: number, path: string): string {
  if (!Number.isFinite(value) || Math.abs(value) >= DECIMAL_LIMIT)
    throw new RequestError(path, 'is outside the range of a Cedar decimal');
  const text = String(value);
  if (text.includes('e')) throw new RequestError(path, 'has more than 4 decimal places');
  const dot = text.indexOf('.');
  if (dot < 0) return `${text}.0`;
  if (text.length - dot - 1 > 4) throw new RequestError(path, 'has more than 4 decimal places');
  return text;
}

function extension(fn: string, arg: string): CedarValueJson {
  return { __extn: { fn, arg } };
}

function projectExtension(value: unknown, name: string, path: string): CedarValueJson {
  switch (name) {
    case 'decimal':
      if (typeof value === 'number') return extension('decimal', decimalLiteral(value, path));
      if (typeof value === 'string' && DECIMAL_LITERAL.test(value)) return extension('decimal', value);
      throw new RequestError(path, 'must be a number with at most 4 decimal places');
    case 'datetime':
      if (value instanceof Date && Number.isFinite(value.getTime()))
        return extension('datetime', value.toISOString());
      if (typeof value === 'string' && value.length <= 64) return extension('datetime', value);
      throw new RequestError(path, 'must be a Date or an ISO 8601 date-time');
    case 'duration':
      if (typeof value === 'string' && value.length <= 64 && DURATION_LITERAL.test(value))
        return extension('duration', value);
      throw new RequestError(path, 'must be a Cedar duration such as "1h30m"');
    default:
      if (typeof value === 'string' && value.length <= 64) return extension('ip', value);
      throw new RequestError(path, 'must be an IP address or CIDR range');
  }
}

/**
 * Converts a JSON-like value to the Cedar JSON value the schema declares at `path`, keeping
 * only declared record attributes. Policies validated in strict mode cannot read undeclared
 * attributes, so dropping them loses nothing a policy could see; it also means a caller's
 * `__entity` or `__extn` key is never passed to Cedar, which would read it as an entity
 * reference or extension value. Throws `RequestError` (path and problem, never the value).
 */
export function projectValue(value: unknown, type: ValueType, path: string, depth = 0): CedarValueJson {
  if (depth > REQUEST_LIMITS.depth) throw new RequestError(path, 'is nested too deeply');
  switch (type.kind) {
    case 'string':
      if (typeof value !== 'string') throw new RequestError(path, 'must be a string');
      if (value.length > REQUEST_LIMITS.stringLength)
        throw new RequestError(path, `must be at most ${REQUEST_LIMITS.stringLength} characters`);
      if (!value.isWellFormed()) throw new RequestError(path, 'must be well-formed Unicode');
      return value;
    case 'long':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
      throw new RequestError(path, 'must be a whole number within ±2^53');
    case 'bool':
      if (typeof value !== 'boolean') throw new RequestError(path, 'must be true or false');
      return value;
    case 'set': {
      if (!Array.isArray(value)) throw new RequestError(path, 'must be an array');
      if (value.length > REQUEST_LIMITS.setSize)
        throw new RequestError(path, `must have at most ${REQUEST_LIMITS.setSize} elements`);
      const out: CedarValueJson[] = [];
      for (let i = 0; i < value.length; i++)
        out.push(projectValue(value[i], type.element, `${path}[${i}]`, depth + 1));
      return out;
    }
    case 'record':
      return projectRecord(value, type, path, depth);
    case 'entity': {
      const id = isPlainObject(value) && value['type'] === type.name ? value['id'] : value;
      const problem = entityIdProblem(id);
      if (problem !== undefined)
        throw new RequestError(
          path,
          `must be an id of ${type.name} (a string or { type, id }): it ${problem}`,
        );
      return { __entity: { type: type.name, id: id as string } };
    }
    case 'extension':
      return projectExtension(value, type.name, path);
  }
}

/** A record value: declared attributes only; a missing required one is an error. */
export function projectRecord(
  value: unknown,
  type: RecordType,
  path: string,
  depth = 0,
): Record<string, CedarValueJson> {
  if (!isPlainObject(value)) throw new RequestError(path, 'must be an object');
  const out: Record<string, CedarValueJson> = {};
  for (const attribute of type.attributes) {
    const item = Object.hasOwn(value, attribute.name) ? value[attribute.name] : undefined;
    const where = `${path}.${attribute.name}`;
    if (item === undefined || item === null) {
      if (attribute.required) throw new RequestError(where, 'is required by the policy schema');
      continue;
    }
    out[attribute.name] = projectValue(item, attribute.type, where, depth + 1);
  }
  return out;
}

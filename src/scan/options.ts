import {
  contextProblem,
  isObjectRecord,
  isSource,
  type OptionProblem,
  SOURCES,
  type Source,
} from '../core/index.js';
import { InvalidOptionsError } from '../errors/index.js';
import type { ScanOptions } from './types.js';

export const DEFAULT_MAX_BYTES = 65_536;
/** Beyond this the ceiling stops being a defence: 16 MiB. */
export const MAX_MAX_BYTES = 16 * 1024 * 1024;

/** Options after validation, with defaults applied. */
export interface ResolvedScanOptions {
  readonly source: Source;
  readonly maxBytes: number;
  readonly raw: ScanOptions;
}

const DEFAULTS: ResolvedScanOptions = { source: 'user', maxBytes: DEFAULT_MAX_BYTES, raw: {} };

function isUnitNumber(v: unknown): v is number {
  return typeof v === 'number' && v >= 0 && v <= 1;
}

function thresholdsProblem(value: unknown): OptionProblem | undefined {
  if (!isObjectRecord(value)) return { path: ['thresholds'], message: 'expected an object keyed by source' };
  for (const source of Object.keys(value)) {
    const path = ['thresholds', source];
    if (!isSource(source)) return { path, message: `expected a source key (${SOURCES.join(', ')})` };
    const t = value[source];
    if (!isObjectRecord(t)) return { path, message: 'expected { confirm, block }' };
    for (const key of Object.keys(t)) {
      if (key !== 'confirm' && key !== 'block') return { path: [...path, key], message: 'unknown key' };
    }
    if (!isUnitNumber(t['confirm']))
      return { path: [...path, 'confirm'], message: 'expected a number in [0, 1]' };
    if (!isUnitNumber(t['block']))
      return { path: [...path, 'block'], message: 'expected a number in [0, 1]' };
    if (t['confirm'] > t['block']) return { path, message: 'confirm must not be above block' };
  }
  return undefined;
}

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  'source',
  'context',
  'maxBytes',
  'thresholds',
  'enabled',
  'classifier',
]);

/** The first problem with `options`, checked key by key in the order the caller wrote them. */
function optionsProblem(o: Record<string, unknown>): OptionProblem | undefined {
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (v === undefined) {
      // An absent value is fine for a known key; an unknown key is refused even when undefined.
      if (KNOWN_KEYS.has(key)) continue;
      return { path: [key], message: 'unknown key' };
    }
    switch (key) {
      case 'source':
        if (!isSource(v)) return { path: [key], message: `expected one of ${SOURCES.join(', ')}` };
        break;
      case 'context': {
        const problem = contextProblem(v, [key]);
        if (problem !== undefined) return problem;
        break;
      }
      case 'maxBytes':
        if (!(Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= MAX_MAX_BYTES)) {
          return { path: [key], message: `expected an integer from 1 to ${MAX_MAX_BYTES}` };
        }
        break;
      case 'thresholds': {
        const problem = thresholdsProblem(v);
        if (problem !== undefined) return problem;
        break;
      }
      case 'enabled':
        if (typeof v !== 'boolean') return { path: [key], message: 'expected a boolean' };
        break;
      case 'classifier':
        // Any object (arrays and class instances included), as the schema's custom check allows.
        if (
          !(
            typeof v === 'object' &&
            v !== null &&
            typeof (v as { id?: unknown }).id === 'string' &&
            typeof (v as { score?: unknown }).score === 'function'
          )
        ) {
          return { path: [key], message: 'expected an object with an id and a score(text) function' };
        }
        break;
      default:
        return { path: [key], message: 'unknown key' };
    }
  }
  return undefined;
}

/**
 * Validates and resolves `securityScan` options without zod (loading it would double the
 * scanner's cold start); `scanOptionsSchema` is the same contract in zod and a property test
 * keeps them equal. The error names the offending key, never its value.
 */
export function resolveScanOptions(options: unknown): ResolvedScanOptions {
  if (options === undefined) return DEFAULTS;
  if (!isObjectRecord(options)) throw new InvalidOptionsError('Invalid options: expected an object.');
  const problem = optionsProblem(options);
  if (problem !== undefined) {
    const where = problem.path.length > 0 ? `option ${problem.path.join('.')}` : 'options';
    throw new InvalidOptionsError(`Invalid ${where}: ${problem.message}.`, problem.path);
  }
  const raw = options as ScanOptions;
  return {
    source: raw.source ?? raw.context?.source ?? 'user',
    maxBytes: raw.maxBytes ?? DEFAULT_MAX_BYTES,
    raw,
  };
}

import { SOURCES, type Source } from './source.js';

/** Longest accepted value of each string field of a context (UTF-16 code units). */
export const CONTEXT_FIELD_MAX = { tenantId: 128, traceId: 128, principal: 256, agentId: 256 } as const;

/** What is wrong with a value and where, for an ERR_INVALID_OPTIONS; never the value itself. */
export interface OptionProblem {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

const SOURCE_SET: ReadonlySet<string> = new Set(SOURCES);

export function isSource(value: unknown): value is Source {
  return typeof value === 'string' && SOURCE_SET.has(value);
}

/** A non-null, non-array object: what zod's object schemas accept. */
export function isObjectRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The checks of `contextSchema` without zod, for hot paths that must not load it; a property
 * test keeps the two in agreement. Returns the first problem, or undefined.
 */
export function contextProblem(
  value: unknown,
  path: ReadonlyArray<string | number>,
): OptionProblem | undefined {
  if (!isObjectRecord(value)) return { path, message: 'expected an object' };
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (key === 'source') {
      if (v !== undefined && !isSource(v)) {
        return { path: [...path, key], message: `expected one of ${SOURCES.join(', ')}` };
      }
    } else if (Object.hasOwn(CONTEXT_FIELD_MAX, key)) {
      const max = CONTEXT_FIELD_MAX[key as keyof typeof CONTEXT_FIELD_MAX];
      if (v !== undefined && !(typeof v === 'string' && v.length >= 1 && v.length <= max)) {
        return { path: [...path, key], message: `expected a string of 1 to ${max} characters` };
      }
    } else {
      return { path: [...path, key], message: 'unknown key' };
    }
  }
  return undefined;
}

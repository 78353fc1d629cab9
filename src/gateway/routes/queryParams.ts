import { z } from 'zod';
import { invalidOptionsFromZod } from '../../errors/index.js';

/** A query-string value that may repeat (`?a=1&a=2`) or list with commas (`?a=1,2`). */
export function listParam(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
  const kept = parts.map((p) => p.trim()).filter((p) => p !== '');
  return kept.length === 0 ? undefined : kept;
}

/** A whole number in a query string, or undefined; anything else is ERR_INVALID_OPTIONS. */
export function integerParam(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const parsed = z
    .string()
    .regex(/^\d{1,9}$/, 'expected a whole number')
    .safeParse(Array.isArray(value) ? value[0] : value);
  if (!parsed.success)
    throw invalidOptionsFromZod(new z.ZodError(parsed.error.issues.map((i) => ({ ...i, path: [name] }))));
  return Number(parsed.data);
}

/** A single string in a query string (the first when repeated). */
export function stringParam(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : undefined;
}

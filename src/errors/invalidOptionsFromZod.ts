import type { z } from 'zod';
import { InvalidOptionsError } from './MaestroError.js';

/** Turns the first zod issue into an ERR_INVALID_OPTIONS that names the key, never its value. */
export function invalidOptionsFromZod(error: z.ZodError): InvalidOptionsError {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p.description) : p));
  const where = path.length > 0 ? `option ${path.join('.')}` : 'options';
  return new InvalidOptionsError(`Invalid ${where}: ${issue?.message ?? 'not valid'}.`, path);
}

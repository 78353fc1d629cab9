import { MaestroError, type SafeErrorBody } from './MaestroError.js';

/**
 * Turns anything thrown into a body that is safe to show a caller. Our own errors keep their
 * code and message; anything else (a bug, a library's error, a thrown string) becomes
 * ERR_INTERNAL with a generic message, because foreign messages may quote input or secrets.
 */
export function toSafeError(error: unknown): SafeErrorBody {
  if (error instanceof MaestroError) return error.toJSON();
  return { code: 'ERR_INTERNAL', message: 'An internal error occurred.' };
}

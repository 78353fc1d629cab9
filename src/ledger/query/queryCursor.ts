import { z } from 'zod';
import { InvalidOptionsError } from '../../errors/index.js';

/**
 * Keyset pagination cursor: the (time, id) of the last event of a page and the order it was read
 * in, as base64url JSON. It is opaque to callers but not secret: forging one only moves the page
 * start within the caller's own tenant (row-level security decides what can be read at all).
 */
export interface QueryCursor {
  readonly time: string;
  readonly id: string;
  readonly order: 'asc' | 'desc';
}

const cursorSchema = z.strictObject({
  v: z.literal(1),
  t: z.iso.datetime(),
  i: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/),
  o: z.enum(['asc', 'desc']),
});

/** Longest cursor accepted: well above any real one, small enough to refuse junk at once. */
const MAX_CURSOR_LENGTH = 256;

export function encodeCursor(cursor: QueryCursor): string {
  const json = JSON.stringify({ v: 1, t: cursor.time, i: cursor.id, o: cursor.order });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** Parses a cursor from `encodeCursor`; anything else is ERR_INVALID_OPTIONS (never echoed). */
export function decodeCursor(text: string): QueryCursor {
  const invalid = () =>
    new InvalidOptionsError('Invalid option cursor: pass the nextCursor of a previous page unchanged.', [
      'cursor',
    ]);
  if (text.length === 0 || text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) throw invalid();
  return { time: result.data.t, id: result.data.i, order: result.data.o };
}

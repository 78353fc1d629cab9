import { z } from 'zod';
import { LANES } from '../../core/index.js';
import { InvalidOptionsError, invalidOptionsFromZod } from '../../errors/index.js';
import { parseRiskEvent } from '../eventCheck.js';
import { EVENT_LIMITS, identifierSchema, RISK_EVENT_TYPES, type RiskEvent } from '../eventSchema.js';
import type { SqlExecutor } from '../store/sqlClient.js';
import { decodeCursor, encodeCursor } from './queryCursor.js';
import { timeInput } from './timeInput.js';

export const MAX_QUERY_LIMIT = 1000;
export const DEFAULT_QUERY_LIMIT = 50;

/** `queryRiskEvents` options: one tenant, optional filters, keyset pagination. */
export const riskEventQuerySchema = z
  .strictObject({
    tenantId: identifierSchema(EVENT_LIMITS.tenantId),
    types: z.array(z.enum(RISK_EVENT_TYPES)).min(1).max(RISK_EVENT_TYPES.length).optional(),
    /** `none` selects events that carry no lane. */
    lanes: z
      .array(z.enum([...LANES, 'none']))
      .min(1)
      .max(LANES.length + 1)
      .optional(),
    from: timeInput.optional(),
    to: timeInput.optional(),
    traceId: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .optional(),
    limit: z.number().int().min(1).max(MAX_QUERY_LIMIT).default(DEFAULT_QUERY_LIMIT),
    cursor: z.string().optional(),
    /** Newest first (default) or oldest first. */
    order: z.enum(['asc', 'desc']).default('desc'),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from.getTime() <= q.to.getTime(), {
    message: 'from must not be after to',
    path: ['from'],
  });

export type RiskEventQuery = z.input<typeof riskEventQuerySchema>;
type ParsedQuery = z.output<typeof riskEventQuerySchema>;

export interface RiskEventPage {
  readonly events: RiskEvent[];
  /** Pass it as `cursor` for the next page; null when this page is the last. */
  readonly nextCursor: string | null;
}

/** Validates query options (ERR_INVALID_OPTIONS naming the field, never its value). */
export function parseRiskEventQuery(query: unknown): ParsedQuery {
  const parsed = riskEventQuerySchema.safeParse(query);
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  return parsed.data;
}

/**
 * The page query: filters as parameters (never spliced into the text), `(time, id)` keyset
 * comparison so every page costs one index range scan however deep it is, and one row more than
 * asked for to know whether another page follows.
 */
export function buildEventQuery(q: ParsedQuery): { text: string; params: unknown[] } {
  const params: unknown[] = [q.tenantId];
  const where = ['tenant_id = $1'];
  const add = (clause: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (q.types !== undefined) add((n) => `type = ANY(${n}::text[])`, q.types);
  if (q.lanes !== undefined) add((n) => `lane = ANY(${n}::text[])`, q.lanes);
  if (q.from !== undefined) add((n) => `time >= ${n}::timestamptz`, q.from.toISOString());
  if (q.to !== undefined) add((n) => `time < ${n}::timestamptz`, q.to.toISOString());
  if (q.traceId !== undefined) add((n) => `trace_id = ${n}`, q.traceId);
  const order = q.order === 'asc' ? 'ASC' : 'DESC';
  if (q.cursor !== undefined) {
    const cursor = decodeCursor(q.cursor);
    if (cursor.order !== q.order) {
      // A cursor continues the order it was made in; mixing them would skip or repeat events.
      throw new InvalidOptionsError(
        `Invalid option cursor: it continues a ${cursor.order} listing; pass order: '${cursor.order}'.`,
        ['cursor'],
      );
    }
    params.push(cursor.time, cursor.id);
    const op = q.order === 'asc' ? '>' : '<';
    where.push(`(time, id) ${op} ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  params.push(q.limit + 1);
  return {
    text: `SELECT body FROM ledger_events WHERE ${where.join(' AND ')} ORDER BY time ${order}, id ${order} LIMIT $${params.length}`,
    params,
  };
}

/** Runs one page of `q` in a transaction the caller opened for `q.tenantId`. */
export async function queryEventPage(tx: SqlExecutor, q: ParsedQuery): Promise<RiskEventPage> {
  const { text, params } = buildEventQuery(q);
  const rows = await tx.query<{ body: unknown }>(text, params);
  const page = rows.slice(0, q.limit).map((row) => parseRiskEvent(JSON.parse(String(row.body))));
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > q.limit && last !== undefined
      ? encodeCursor({ time: last.time, id: last.id, order: q.order })
      : null;
  return { events: page, nextCursor };
}

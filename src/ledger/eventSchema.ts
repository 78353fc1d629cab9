import { z } from 'zod';
import { LANES, type Lane, SEVERITIES, type Severity } from '../core/index.js';
import { type AttributeObject, attributesProblem } from './attributes.js';
import { ULID_PATTERN } from './eventId.js';
import { type EventRefs, eventRefsInputSchema, storedEventRefsSchema } from './eventRefs.js';
import { isSafeText } from './safeText.js';

/**
 * Kinds of risk event. Append only: a stored event whose type left this list would stop verifying.
 */
export const RISK_EVENT_TYPES = [
  'injection',
  'output_leak',
  'policy_decision',
  'approval',
  'receipt',
  'tool_result',
  'rate_limited',
  'auth_failed',
  'config_changed',
  'kill_switch',
  'anomaly',
  'scan_failed',
] as const;
export type RiskEventType = (typeof RISK_EVENT_TYPES)[number];

/** Length limits, in UTF-16 code units. */
export const EVENT_LIMITS = {
  tenantId: 128,
  detector: 128,
  principal: 256,
  keyId: 128,
  preview: 80,
} as const;

export const EVENT_VERSION = 1;

export interface EventActor {
  principal: string;
  keyId: string | null;
}

/**
 * A risk event as stored and hashed. Every field is always present (null when absent), strings are
 * bounded and free of control characters, so a rendered event is one line that cannot forge another.
 */
export interface RiskEvent {
  v: 1;
  /** ULID. */
  id: string;
  tenantId: string;
  /** 0-based index in the tenant's log, which is also the Merkle leaf index. */
  seq: number;
  /** ISO-8601 UTC with milliseconds, `2025-01-31T12:00:00.000Z`. */
  time: string;
  type: RiskEventType;
  lane: Lane | null;
  severity: Severity;
  detector: string;
  refs: EventRefs;
  actor: EventActor | null;
  /** At most 80 characters, redacted and escaped. */
  preview: string;
  /** Lowercase hex SHA-256 of the canonical JSON of the payload; the payload is never stored. */
  payloadHash: string | null;
  attributes: AttributeObject;
  /** W3C trace id, 32 lowercase hex digits. */
  traceId: string | null;
  /** W3C span id, 16 lowercase hex digits. */
  spanId: string | null;
}

/** What a caller passes to `logRiskEvent`. */
export interface RiskEventInput {
  tenantId: string;
  type: RiskEventType;
  lane?: Lane;
  severity: Severity;
  detector: string;
  refs?: EventRefs;
  actor?: { principal: string; keyId?: string };
  /** Raw text: it is redacted, escaped and cut to 80 characters before it is stored. */
  preview?: string;
  /** Hashed (canonical JSON, SHA-256), never stored. Exclusive with `payloadHash`. */
  payload?: unknown;
  /** The hex SHA-256 of a payload hashed elsewhere. */
  payloadHash?: string;
  /** JSON data, bounded: see ATTRIBUTE_LIMITS. */
  attributes?: Record<string, unknown>;
  traceId?: string;
  spanId?: string;
  /** When it happened; defaults to when it is logged. */
  time?: Date | string;
}

export const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const HEX_SHA256 = /^[0-9a-f]{64}$/;
export const TRACE_ID = /^[0-9a-f]{32}$/;
export const SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO = /^0+$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(value: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + value.charCodeAt(i) - 0x30;
  return n;
}

/**
 * A well-formed ISO-8601 UTC millisecond timestamp that names a real instant: exactly what
 * `Date.prototype.toISOString` produces for years 0000–9999 (checked by hand, without Date,
 * because verification checks one per event).
 */
export function isIsoUtcMs(value: string): boolean {
  if (value.length !== 24 || !ISO_UTC_MS.test(value)) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  return (
    day <= monthDays && digits(value, 11, 13) < 24 && digits(value, 14, 16) < 60 && digits(value, 17, 19) < 60
  );
}

const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

export function isTraceId(value: string): boolean {
  return TRACE_ID.test(value) && value !== ZERO_TRACE_ID;
}

export function isSpanId(value: string): boolean {
  return SPAN_ID.test(value) && value !== ZERO_SPAN_ID;
}

const SAFE_TEXT_MESSAGE = 'must not contain control, line-separator or bidirectional characters';

/** A name: 1 to `max` characters of display-safe text. */
export const identifierSchema = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => isSafeText(s, max), SAFE_TEXT_MESSAGE);

const safeTextSchema = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => isSafeText(s, max), SAFE_TEXT_MESSAGE);

const nonZero = (s: string) => !ZERO.test(s);

const inputTime = z.union([
  z.date().refine((d) => Number.isFinite(d.getTime()), 'not a valid date'),
  z.iso.datetime({ offset: true }),
]);

export const riskEventInputSchema = z
  .strictObject({
    tenantId: identifierSchema(EVENT_LIMITS.tenantId),
    type: z.enum(RISK_EVENT_TYPES),
    lane: z.enum(LANES).optional(),
    severity: z.enum(SEVERITIES),
    detector: identifierSchema(EVENT_LIMITS.detector),
    refs: eventRefsInputSchema.optional(),
    actor: z
      .strictObject({
        // Free text (it may be what an attacker typed as a user name): escaped and cut, not refused.
        principal: z.string().min(1),
        keyId: identifierSchema(EVENT_LIMITS.keyId).optional(),
      })
      .optional(),
    preview: z.string().optional(),
    payload: z.unknown().optional(),
    payloadHash: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/)
      .optional(),
    // Checked by boundAttributes on the caller's own object: a zod record would copy it, and
    // copying by assignment turns a `__proto__` key into a prototype instead of refusing it.
    attributes: z.unknown().optional(),
    traceId: z
      .string()
      .regex(/^[0-9a-fA-F]{32}$/)
      .refine(nonZero, 'must not be all zeros')
      .optional(),
    spanId: z
      .string()
      .regex(/^[0-9a-fA-F]{16}$/)
      .refine(nonZero, 'must not be all zeros')
      .optional(),
    time: inputTime.optional(),
  })
  .refine((input) => input.payload === undefined || input.payloadHash === undefined, {
    message: 'give either payload or payloadHash, not both',
    path: ['payloadHash'],
  })
  .refine((input) => input.spanId === undefined || input.traceId !== undefined, {
    message: 'a span id needs its trace id',
    path: ['spanId'],
  });

const storedSchema = z.strictObject({
  v: z.literal(EVENT_VERSION),
  id: z.string().regex(ULID_PATTERN),
  tenantId: identifierSchema(EVENT_LIMITS.tenantId),
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  time: z.string().refine(isIsoUtcMs, 'expected an ISO-8601 UTC time with milliseconds'),
  type: z.enum(RISK_EVENT_TYPES),
  lane: z.enum(LANES).nullable(),
  severity: z.enum(SEVERITIES),
  detector: identifierSchema(EVENT_LIMITS.detector),
  refs: storedEventRefsSchema,
  actor: z
    .strictObject({
      principal: identifierSchema(EVENT_LIMITS.principal),
      keyId: identifierSchema(EVENT_LIMITS.keyId).nullable(),
    })
    .nullable(),
  preview: safeTextSchema(EVENT_LIMITS.preview),
  payloadHash: z.string().regex(HEX_SHA256).nullable(),
  attributes: z.custom<AttributeObject>((value) => attributesProblem(value) === undefined, {
    message: 'attributes are not bounded JSON',
  }),
  traceId: z.string().refine(isTraceId, 'expected 32 lowercase hex digits, not all zero').nullable(),
  spanId: z.string().refine(isSpanId, 'expected 16 lowercase hex digits, not all zero').nullable(),
});

/**
 * The stored form. Refs are checked by id format (see REF_ID_PATTERNS), so the parsed value is
 * typed as what the builder writes rather than what the format admits.
 */
export const riskEventSchema = storedSchema as unknown as z.ZodType<RiskEvent>;

import { boundAttributes } from './attributes.js';
import { canonicalJson } from './canonicalJson.js';
import { riskEventProblem } from './eventCheck.js';
import { ULID_PATTERN } from './eventId.js';
import { normaliseRefs } from './eventRefs.js';
import {
  EVENT_LIMITS,
  EVENT_VERSION,
  type RiskEvent,
  type RiskEventInput,
  riskEventInputSchema,
} from './eventSchema.js';
import { leafHashOfText, sha256 } from './hashes.js';
import { InvalidRiskEventError, invalidEventFromZod } from './ledgerErrors.js';
import { defaultPreviewRedactor, type PreviewRedactor } from './preview.js';
import { checkedRiskEventInput, type RiskEventInputData } from './riskEventInputCheck.js';
import { boundedText, headAtWordBoundary } from './safeText.js';
import { activeTraceIds, type TraceIds } from './traceIds.js';

/** How much of a preview is read at all: the stored preview is 80 characters. */
export const PREVIEW_READ_LIMIT = 4096;
/** Stored in place of the preview when the redactor fails: no text is better than unredacted text. */
export const REDACTION_FAILED_PREVIEW = '[REDACTION_FAILED]';

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export interface BuildAt {
  /** The event id (a ULID from `createEventIdFactory`). */
  id: string;
  /** The event's index in its tenant's log. */
  seq: number;
  /** When the event is logged: its time unless the input names one. */
  time: Date;
  redact?: PreviewRedactor;
  /** Where trace ids come from when the input has none; defaults to OpenTelemetry's active span. */
  traceIds?: () => TraceIds | undefined;
}

/**
 * Validates caller input and returns the stored form: bounded, redacted, escaped, payload hashed.
 * @throws MaestroError ERR_LEDGER_INVALID_EVENT with the path of the problem, never the value.
 */
export function buildRiskEvent(input: RiskEventInput, at: BuildAt): RiskEvent {
  const data = checkedRiskEventInput(input) ?? parseInput(input);
  checkAt(at);
  const ids = traceIdsFor(data.traceId, data.spanId, at.traceIds ?? activeTraceIds);
  const event: RiskEvent = {
    v: EVENT_VERSION,
    id: at.id,
    tenantId: data.tenantId,
    seq: at.seq,
    time: eventTime(data.time, at.time),
    type: data.type,
    lane: data.lane ?? null,
    severity: data.severity,
    detector: data.detector,
    refs: normaliseRefs(data.refs),
    actor:
      data.actor === undefined
        ? null
        : {
            principal: boundedText(data.actor.principal, EVENT_LIMITS.principal),
            keyId: data.actor.keyId ?? null,
          },
    preview: data.preview === undefined ? '' : previewOf(data.preview, at.redact ?? defaultPreviewRedactor),
    payloadHash: data.payloadHash?.toLowerCase() ?? payloadHashOf(data.payload),
    attributes: data.attributes === undefined ? {} : boundAttributes(data.attributes),
    traceId: ids.traceId,
    spanId: ids.spanId,
  };
  // Belt and braces: what is built must be what verification accepts.
  const problem = riskEventProblem(event);
  if (problem !== undefined) throw new InvalidRiskEventError(problem.message, problem.path);
  return event;
}

function parseInput(input: unknown): RiskEventInputData {
  const parsed = riskEventInputSchema.safeParse(input);
  if (!parsed.success) throw invalidEventFromZod(parsed.error);
  return parsed.data;
}

/** The Merkle leaf of an event: leafHash(UTF-8 of its RFC 8785 canonical JSON). */
export function eventLeafHash(event: RiskEvent): Buffer {
  return leafHashOfText(canonicalJson(event));
}

/** Hex SHA-256 of the canonical JSON of a payload; null when there is none. */
export function payloadHashOf(payload: unknown): string | null {
  if (payload === undefined) return null;
  try {
    return sha256(Buffer.from(canonicalJson(payload), 'utf8')).toString('hex');
  } catch (error) {
    if (error instanceof InvalidRiskEventError) {
      throw new InvalidRiskEventError(error.problem, ['payload', ...(error.path ?? [])]);
    }
    throw error;
  }
}

function checkAt(at: BuildAt): void {
  if (typeof at.id !== 'string' || !ULID_PATTERN.test(at.id)) {
    throw new InvalidRiskEventError('expected a ULID', ['id']);
  }
  if (!Number.isSafeInteger(at.seq) || at.seq < 0) {
    throw new InvalidRiskEventError('expected a non-negative integer', ['seq']);
  }
  if (!(at.time instanceof Date) || !inRange(at.time.getTime())) {
    throw new InvalidRiskEventError('expected a valid time', ['time']);
  }
}

function inRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST && ms <= LATEST;
}

function eventTime(given: Date | string | undefined, logged: Date): string {
  if (given === undefined) return logged.toISOString();
  const ms = given instanceof Date ? given.getTime() : Date.parse(given);
  if (!inRange(ms)) throw new InvalidRiskEventError('expected a time between 1970 and 9999', ['time']);
  return new Date(ms).toISOString();
}

/** Redact first (on the raw text, where patterns are whole), then escape, then cut. */
function previewOf(raw: string, redact: PreviewRedactor): string {
  const head = headAtWordBoundary(raw, PREVIEW_READ_LIMIT);
  let redacted: unknown;
  try {
    redacted = redact(head.text);
  } catch {
    return REDACTION_FAILED_PREVIEW;
  }
  if (typeof redacted !== 'string') return REDACTION_FAILED_PREVIEW;
  return boundedText(head.cut ? `${redacted}…` : redacted, EVENT_LIMITS.preview);
}

function traceIdsFor(
  traceId: string | undefined,
  spanId: string | undefined,
  active: () => TraceIds | undefined,
): { traceId: string | null; spanId: string | null } {
  if (traceId !== undefined && spanId !== undefined) {
    return { traceId: traceId.toLowerCase(), spanId: spanId.toLowerCase() };
  }
  const current = active();
  if (traceId === undefined) return current ?? { traceId: null, spanId: null };
  const lower = traceId.toLowerCase();
  // The active span's id only belongs to the event when it is in the same trace.
  return { traceId: lower, spanId: current?.traceId === lower ? current.spanId : null };
}

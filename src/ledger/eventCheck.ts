import { LANES, SEVERITIES } from '../core/index.js';
import { attributesProblem } from './attributes.js';
import { ULID_PATTERN } from './eventId.js';
import { EVENT_REF_KINDS, MAX_REFS_PER_KIND, REF_ID_PATTERNS } from './eventRefs.js';
import {
  EVENT_LIMITS,
  EVENT_VERSION,
  HEX_SHA256,
  isIsoUtcMs,
  isSpanId,
  isTraceId,
  RISK_EVENT_TYPES,
  type RiskEvent,
  riskEventSchema,
} from './eventSchema.js';
import { InvalidRiskEventError, invalidEventFromZod } from './ledgerErrors.js';
import { isSafeText } from './safeText.js';

/*
 * The checks of `riskEventSchema`, by hand: verification reads every event of a log and zod costs
 * more than hashing does. A property test holds the two to the same verdicts.
 */

export interface EventProblem {
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
}

const EVENT_KEYS = [
  'v',
  'id',
  'tenantId',
  'seq',
  'time',
  'type',
  'lane',
  'severity',
  'detector',
  'refs',
  'actor',
  'preview',
  'payloadHash',
  'attributes',
  'traceId',
  'spanId',
] as const satisfies ReadonlyArray<keyof RiskEvent>;

const TYPES: ReadonlySet<string> = new Set(RISK_EVENT_TYPES);
const LANE_SET: ReadonlySet<string> = new Set(LANES);
const SEVERITY_SET: ReadonlySet<string> = new Set(SEVERITIES);
const REF_KIND_SET: ReadonlySet<string> = new Set(EVENT_REF_KINDS);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOnlyKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  if (Object.keys(value).length !== keys.length) return false;
  for (const key of keys) if (!Object.hasOwn(value, key)) return false;
  return true;
}

const isIdentifier = (value: unknown, max: number): boolean =>
  typeof value === 'string' && value.length >= 1 && isSafeText(value, max);

const problem = (path: ReadonlyArray<PropertyKey>, message: string): EventProblem => ({ path, message });

/** The first reason `value` is not a stored RiskEvent, or undefined when it is one. */
export function riskEventProblem(value: unknown): EventProblem | undefined {
  if (!isRecord(value)) return problem([], 'expected an object');
  if (!hasOnlyKeys(value, EVENT_KEYS)) return problem([], 'expected exactly the fields of a risk event');
  const e = value as Record<keyof RiskEvent, unknown>;
  if (e.v !== EVENT_VERSION) return problem(['v'], `expected ${EVENT_VERSION}`);
  if (typeof e.id !== 'string' || !ULID_PATTERN.test(e.id)) return problem(['id'], 'expected a ULID');
  if (!isIdentifier(e.tenantId, EVENT_LIMITS.tenantId)) return problem(['tenantId'], 'invalid tenant id');
  if (typeof e.seq !== 'number' || !Number.isSafeInteger(e.seq) || e.seq < 0) {
    return problem(['seq'], 'expected a non-negative integer');
  }
  if (typeof e.time !== 'string' || !isIsoUtcMs(e.time)) return problem(['time'], 'invalid time');
  if (typeof e.type !== 'string' || !TYPES.has(e.type)) return problem(['type'], 'unknown type');
  if (e.lane !== null && (typeof e.lane !== 'string' || !LANE_SET.has(e.lane))) {
    return problem(['lane'], 'unknown lane');
  }
  if (typeof e.severity !== 'string' || !SEVERITY_SET.has(e.severity)) {
    return problem(['severity'], 'unknown severity');
  }
  if (!isIdentifier(e.detector, EVENT_LIMITS.detector)) return problem(['detector'], 'invalid detector');
  const refs = refsProblem(e.refs);
  if (refs !== undefined) return refs;
  if (e.actor !== null) {
    if (!isRecord(e.actor) || !hasOnlyKeys(e.actor, ['principal', 'keyId'])) {
      return problem(['actor'], 'expected principal and keyId');
    }
    if (!isIdentifier(e.actor.principal, EVENT_LIMITS.principal)) {
      return problem(['actor', 'principal'], 'invalid principal');
    }
    if (e.actor.keyId !== null && !isIdentifier(e.actor.keyId, EVENT_LIMITS.keyId)) {
      return problem(['actor', 'keyId'], 'invalid key id');
    }
  }
  if (typeof e.preview !== 'string' || !isSafeText(e.preview, EVENT_LIMITS.preview)) {
    return problem(['preview'], 'invalid preview');
  }
  if (e.payloadHash !== null && (typeof e.payloadHash !== 'string' || !HEX_SHA256.test(e.payloadHash))) {
    return problem(['payloadHash'], 'expected 64 lowercase hex digits');
  }
  const attributes = attributesProblem(e.attributes);
  if (attributes !== undefined) return problem(['attributes', ...attributes.path], attributes.message);
  if (e.traceId !== null && (typeof e.traceId !== 'string' || !isTraceId(e.traceId))) {
    return problem(['traceId'], 'invalid trace id');
  }
  if (e.spanId !== null && (typeof e.spanId !== 'string' || !isSpanId(e.spanId))) {
    return problem(['spanId'], 'invalid span id');
  }
  return undefined;
}

function refsProblem(refs: unknown): EventProblem | undefined {
  if (!isRecord(refs)) return problem(['refs'], 'expected an object');
  for (const kind in refs) {
    if (!Object.hasOwn(refs, kind)) continue;
    if (!REF_KIND_SET.has(kind)) return problem(['refs'], 'unknown kind of reference');
    const ids = refs[kind];
    if (ids === undefined) continue;
    if (!Array.isArray(ids) || ids.length > MAX_REFS_PER_KIND) {
      return problem(['refs', kind], `expected at most ${MAX_REFS_PER_KIND} ids`);
    }
    for (let i = 0; i < ids.length; i++) {
      const id: unknown = ids[i];
      const ok =
        kind === 'layers'
          ? typeof id === 'number' && Number.isInteger(id) && id >= 1 && id <= 7
          : typeof id === 'string' && REF_ID_PATTERNS[kind as keyof typeof REF_ID_PATTERNS].test(id);
      if (!ok) return problem(['refs', kind, i], 'invalid id');
    }
  }
  return undefined;
}

/**
 * A stored event, checked: fast by hand, with zod's account of the problem when it fails.
 * @throws MaestroError ERR_LEDGER_INVALID_EVENT with the path of the first problem.
 */
export function parseRiskEvent(value: unknown): RiskEvent {
  const fast = riskEventProblem(value);
  if (fast === undefined) return value as RiskEvent;
  const parsed = riskEventSchema.safeParse(value);
  if (parsed.success) throw new InvalidRiskEventError(fast.message, fast.path);
  throw invalidEventFromZod(parsed.error);
}

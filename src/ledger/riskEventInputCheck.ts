import type { z } from 'zod';
import { LANES, SEVERITIES } from '../core/index.js';
import {
  ATLAS_IDS,
  CONTROL_IDS,
  ISO_42001_IDS,
  LAYER_IDS,
  NIST_FUNCTION_IDS,
  OWASP_AGENTIC_IDS,
  OWASP_LLM_IDS,
  THREAT_IDS,
} from '../taxonomy/index.js';
import { MAX_REFS_PER_KIND } from './eventRefs.js';
import { EVENT_LIMITS, RISK_EVENT_TYPES, type riskEventInputSchema } from './eventSchema.js';
import { isSafeText } from './safeText.js';

/*
 * The common case of `riskEventInputSchema`, by hand: every logRiskEvent call validates its input,
 * and zod's object parse costs as much as hashing the event does. Anything this check is not sure
 * about (a time given as a string, an object with a prototype, any invalid field) goes to zod,
 * which decides and explains; a property test holds the two to the same verdict and output.
 */

export type RiskEventInputData = z.output<typeof riskEventInputSchema>;

const INPUT_KEYS: ReadonlySet<string> = new Set([
  'tenantId',
  'type',
  'lane',
  'severity',
  'detector',
  'refs',
  'actor',
  'preview',
  'payload',
  'payloadHash',
  'attributes',
  'traceId',
  'spanId',
  'time',
]);
const TYPES: ReadonlySet<unknown> = new Set(RISK_EVENT_TYPES);
const LANE_SET: ReadonlySet<unknown> = new Set(LANES);
const SEVERITY_SET: ReadonlySet<unknown> = new Set(SEVERITIES);
const REF_IDS: Readonly<Record<string, ReadonlySet<unknown>>> = {
  layers: new Set(LAYER_IDS),
  owaspLlm: new Set(OWASP_LLM_IDS),
  owaspAgentic: new Set(OWASP_AGENTIC_IDS),
  atlas: new Set(ATLAS_IDS),
  controls: new Set(CONTROL_IDS),
  threats: new Set(THREAT_IDS),
  nist: new Set(NIST_FUNCTION_IDS),
  iso: new Set(ISO_42001_IDS),
};
const PAYLOAD_HASH = /^[0-9a-fA-F]{64}$/;
const TRACE_ID = /^[0-9a-fA-F]{32}$/;
const SPAN_ID = /^[0-9a-fA-F]{16}$/;
// Of the right length and all hex, an id is all zeros only when it is this.
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const isIdentifier = (value: unknown, max: number): boolean =>
  typeof value === 'string' && value.length >= 1 && isSafeText(value, max);

const isHexId = (value: unknown, pattern: RegExp, zero: string): boolean =>
  typeof value === 'string' && pattern.test(value) && value !== zero;

/** A copy of the refs when every kind is known and every id is in the taxonomy; else undefined. */
function checkedRefs(refs: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const kind of Object.keys(refs)) {
    const known = REF_IDS[kind];
    if (known === undefined) return undefined;
    const ids = refs[kind];
    if (ids === undefined) {
      out[kind] = undefined;
      continue;
    }
    if (!Array.isArray(ids) || ids.length > MAX_REFS_PER_KIND) return undefined;
    const copy: unknown[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id: unknown = ids[i];
      if (!known.has(id)) return undefined;
      copy.push(id);
    }
    out[kind] = copy;
  }
  return out;
}

function checkedActor(actor: Record<string, unknown>): Record<string, unknown> | undefined {
  const { principal, keyId } = actor;
  for (const key of Object.keys(actor)) if (key !== 'principal' && key !== 'keyId') return undefined;
  if (typeof principal !== 'string' || principal.length === 0) return undefined;
  if (keyId !== undefined && !isIdentifier(keyId, EVENT_LIMITS.keyId)) return undefined;
  return Object.hasOwn(actor, 'keyId') ? { principal, keyId } : { principal };
}

/**
 * The parsed input, as `riskEventInputSchema.parse` would return it (absent fields as undefined),
 * when the input is unmistakably valid; undefined when zod has to decide. Each field is read once.
 */
export function checkedRiskEventInput(input: unknown): RiskEventInputData | undefined {
  if (!isPlainObject(input)) return undefined;
  for (const key of Object.keys(input)) if (!INPUT_KEYS.has(key)) return undefined;
  const { tenantId, type, lane, severity, detector, preview, payload, payloadHash, attributes } = input;
  const { traceId, spanId, time } = input;
  let { refs, actor } = input;
  if (!isIdentifier(tenantId, EVENT_LIMITS.tenantId) || !isIdentifier(detector, EVENT_LIMITS.detector)) {
    return undefined;
  }
  if (!TYPES.has(type) || !SEVERITY_SET.has(severity)) return undefined;
  if (lane !== undefined && !LANE_SET.has(lane)) return undefined;
  if (refs !== undefined) {
    refs = isPlainObject(refs) ? checkedRefs(refs) : undefined;
    if (refs === undefined) return undefined;
  }
  if (actor !== undefined) {
    actor = isPlainObject(actor) ? checkedActor(actor) : undefined;
    if (actor === undefined) return undefined;
  }
  if (preview !== undefined && typeof preview !== 'string') return undefined;
  if (payloadHash !== undefined) {
    if (typeof payloadHash !== 'string' || !PAYLOAD_HASH.test(payloadHash) || payload !== undefined) {
      return undefined;
    }
  }
  if (traceId !== undefined && !isHexId(traceId, TRACE_ID, ZERO_TRACE_ID)) return undefined;
  if (spanId !== undefined && (traceId === undefined || !isHexId(spanId, SPAN_ID, ZERO_SPAN_ID))) {
    return undefined;
  }
  // Strings go to zod, whose ISO-8601 rules are the contract.
  if (time !== undefined && !(time instanceof Date && Number.isFinite(time.getTime()))) return undefined;
  return {
    tenantId,
    type,
    lane,
    severity,
    detector,
    refs,
    actor,
    preview,
    payload,
    payloadHash,
    attributes,
    traceId,
    spanId,
    time,
  } as RiskEventInputData;
}

import { canonicalJson } from './canonicalJson.js';
import type { EventRefs } from './eventRefs.js';
import type { RiskEvent } from './eventSchema.js';
import { leafHashOfText } from './hashes.js';

/*
 * canonicalJson specialised to a RiskEvent that has passed `riskEventProblem`: the members are
 * written in their RFC 8785 order directly, and strings whose format admits no character JSON
 * escapes (ids, hex, enums, times) are quoted without JSON.stringify. Verification serialises
 * every event of a log; a property test holds this to canonicalJson.
 */

const q = (s: string): string => `"${s}"`;
const str = (s: string | null): string => (s === null ? 'null' : JSON.stringify(s));
const plain = (s: string | null): string => (s === null ? 'null' : q(s));

// RFC 8785 order of the ref kinds (UTF-16 code units).
const REF_ORDER = [
  'atlas',
  'controls',
  'iso',
  'layers',
  'nist',
  'owaspAgentic',
  'owaspLlm',
  'threats',
] as const;

function refsJson(refs: EventRefs): string {
  let out = '{';
  for (const kind of REF_ORDER) {
    const ids = refs[kind] as ReadonlyArray<string | number> | undefined;
    if (ids === undefined) continue;
    if (out.length > 1) out += ',';
    out += `"${kind}":[`;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (i > 0) out += ',';
      out += typeof id === 'number' ? String(id) : q(id);
    }
    out += ']';
  }
  return `${out}}`;
}

/**
 * canonicalJson(event) for an event that `riskEventProblem` accepts; for anything else, use
 * canonicalJson. `seq` (a safe non-negative integer) stands in for the event's own, so a writer
 * numbering built events needs no copy of each.
 */
export function canonicalEventJson(e: RiskEvent, seq: number = e.seq): string {
  const actor =
    e.actor === null
      ? 'null'
      : `{"keyId":${str(e.actor.keyId)},"principal":${JSON.stringify(e.actor.principal)}}`;
  let attributes = '{}';
  for (const _ in e.attributes) {
    attributes = canonicalJson(e.attributes);
    break;
  }
  return (
    `{"actor":${actor},"attributes":${attributes},"detector":${JSON.stringify(e.detector)},"id":${q(e.id)},` +
    `"lane":${plain(e.lane)},"payloadHash":${plain(e.payloadHash)},"preview":${JSON.stringify(e.preview)},` +
    `"refs":${refsJson(e.refs)},"seq":${seq},"severity":${q(e.severity)},"spanId":${plain(e.spanId)},` +
    `"tenantId":${JSON.stringify(e.tenantId)},"time":${q(e.time)},"traceId":${plain(e.traceId)},` +
    `"type":${q(e.type)},"v":${e.v}}`
  );
}

/** eventLeafHash for an event that `riskEventProblem` accepts. */
export function validEventLeafHash(event: RiskEvent): Buffer {
  return leafHashOfText(canonicalEventJson(event));
}

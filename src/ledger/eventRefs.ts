import { z } from 'zod';
import type { MergedRefs, Refs } from '../core/index.js';
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

/**
 * What an event relates to in each framework. Unlike a finding's `Refs`, an event may concern
 * several MAESTRO layers or none (a rate limit, a configuration change), so every kind is a list.
 */
export type EventRefs = MergedRefs;

export const EVENT_REF_KINDS = [
  'layers',
  'owaspLlm',
  'owaspAgentic',
  'atlas',
  'controls',
  'threats',
  'nist',
  'iso',
] as const satisfies ReadonlyArray<keyof EventRefs>;

export const MAX_REFS_PER_KIND = 32;

const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_REFS_PER_KIND).optional();

/** What a caller may pass: ids that exist in `src/taxonomy` today. */
export const eventRefsInputSchema = z.strictObject({
  layers: list(z.literal(LAYER_IDS)),
  owaspLlm: list(z.enum(OWASP_LLM_IDS)),
  owaspAgentic: list(z.enum(OWASP_AGENTIC_IDS)),
  atlas: list(z.enum(ATLAS_IDS)),
  controls: list(z.enum(CONTROL_IDS)),
  threats: list(z.enum(THREAT_IDS)),
  nist: list(z.enum(NIST_FUNCTION_IDS)),
  iso: list(z.enum(ISO_42001_IDS)),
});

/**
 * The formats of the ids, for stored events. A stored event is checked by format rather than by
 * membership so that events written under an older taxonomy keep verifying forever.
 */
export const REF_ID_PATTERNS: Readonly<Record<Exclude<keyof EventRefs, 'layers'>, RegExp>> = {
  owaspLlm: /^LLM\d{2}$/,
  owaspAgentic: /^T\d{1,2}$/,
  atlas: /^AML\.T\d{4}(?:\.\d{3})?$/,
  controls: /^C\d{1,2}$/,
  threats: /^T\d{1,2}$/,
  nist: /^[A-Z]{2,16}$/,
  iso: /^A\.\d{1,2}(?:\.\d{1,2}){0,3}$/,
};

export const storedEventRefsSchema = z.strictObject({
  layers: list(z.number().int().min(1).max(7)),
  owaspLlm: list(z.string().regex(REF_ID_PATTERNS.owaspLlm)),
  owaspAgentic: list(z.string().regex(REF_ID_PATTERNS.owaspAgentic)),
  atlas: list(z.string().regex(REF_ID_PATTERNS.atlas)),
  controls: list(z.string().regex(REF_ID_PATTERNS.controls)),
  threats: list(z.string().regex(REF_ID_PATTERNS.threats)),
  nist: list(z.string().regex(REF_ID_PATTERNS.nist)),
  iso: list(z.string().regex(REF_ID_PATTERNS.iso)),
});

/** Sorted, without duplicates, empty kinds left out: one stored form per set of refs. */
export function normaliseRefs(refs: EventRefs | undefined): EventRefs {
  const out: Record<string, unknown[]> = {};
  if (refs === undefined) return out;
  for (const kind of EVENT_REF_KINDS) {
    const ids = refs[kind] as ReadonlyArray<string | number> | undefined;
    if (ids === undefined || ids.length === 0) continue;
    const unique = [...new Set(ids)];
    out[kind] = kind === 'layers' ? (unique as number[]).sort((a, b) => a - b) : (unique as string[]).sort();
  }
  return out as EventRefs;
}

/** A finding's refs as event refs. */
export function eventRefsFromFinding(refs: Refs): EventRefs {
  return normaliseRefs({
    layers: [refs.layer],
    ...(refs.owaspLlm && { owaspLlm: [...refs.owaspLlm] }),
    ...(refs.owaspAgentic && { owaspAgentic: [...refs.owaspAgentic] }),
    ...(refs.atlas && { atlas: [...refs.atlas] }),
    ...(refs.controls && { controls: [...refs.controls] }),
    ...(refs.threats && { threats: [...refs.threats] }),
    ...(refs.nist && { nist: [...refs.nist] }),
    ...(refs.iso && { iso: [...refs.iso] }),
  });
}

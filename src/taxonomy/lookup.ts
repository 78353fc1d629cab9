import type { Refs } from '../core/index.js';
import { ATLAS_TECHNIQUES } from './atlas.js';
import { CONTROLS } from './controls.js';
import {
  ATLAS_IDS,
  CONTROL_IDS,
  ISO_42001_IDS,
  LAYER_IDS,
  NIST_FUNCTION_IDS,
  OWASP_AGENTIC_IDS,
  OWASP_LLM_IDS,
  THREAT_IDS,
} from './ids.js';
import { ISO_42001_CONTROLS, ISO_42001_OBJECTIVES } from './iso42001.js';
import { LAYERS } from './layers.js';
import { NIST_FUNCTIONS } from './nist.js';
import { OWASP_AGENTIC } from './owaspAgentic.js';
import { OWASP_LLM } from './owaspLlm.js';
import { THREATS } from './threats.js';

/** A field of `Refs`: which framework an id belongs to. */
export type RefKind = keyof Refs;

/** The id type of a kind: `LayerId` for `layer`, the element type of the list otherwise. */
export type RefId<K extends RefKind> = K extends 'layer'
  ? Refs['layer']
  : NonNullable<Refs[K]> extends readonly (infer Id)[]
    ? Id
    : never;

/** Every kind, in the order a report prints them. */
export const REF_KINDS = [
  'layer',
  'owaspLlm',
  'owaspAgentic',
  'atlas',
  'nist',
  'iso',
  'controls',
  'threats',
] as const satisfies readonly RefKind[];

type ListKind = Exclude<RefKind, 'layer'>;
const LIST_KINDS = REF_KINDS.filter((kind): kind is ListKind => kind !== 'layer');

/** Which ids exist, per kind: taken from the id lists, the single source of truth. */
const KNOWN: { readonly [K in RefKind]: ReadonlySet<unknown> } = {
  layer: new Set<unknown>(LAYER_IDS),
  owaspLlm: new Set<unknown>(OWASP_LLM_IDS),
  owaspAgentic: new Set<unknown>(OWASP_AGENTIC_IDS),
  atlas: new Set<unknown>(ATLAS_IDS),
  nist: new Set<unknown>(NIST_FUNCTION_IDS),
  iso: new Set<unknown>(ISO_42001_IDS),
  controls: new Set<unknown>(CONTROL_IDS),
  threats: new Set<unknown>(THREAT_IDS),
};

interface Named {
  readonly id: string | number;
  readonly name?: string;
  readonly title?: string;
}

function namesOf(...tables: ReadonlyArray<Readonly<Record<string, Named>>>): ReadonlyMap<unknown, string> {
  const names = new Map<unknown, string>();
  for (const table of tables) {
    for (const entry of Object.values(table))
      names.set(entry.id, entry.name ?? entry.title ?? String(entry.id));
  }
  return names;
}

/** Display names, per kind: taken from the data tables. */
const NAMES: { readonly [K in RefKind]: ReadonlyMap<unknown, string> } = {
  layer: namesOf(LAYERS),
  owaspLlm: namesOf(OWASP_LLM),
  owaspAgentic: namesOf(OWASP_AGENTIC),
  atlas: namesOf(ATLAS_TECHNIQUES),
  nist: namesOf(NIST_FUNCTIONS),
  iso: namesOf(ISO_42001_OBJECTIVES, ISO_42001_CONTROLS),
  controls: namesOf(CONTROLS),
  threats: namesOf(THREATS),
};

/** True when `id` is a known id of `kind`. Checks the value as given, so `'1'` is not layer `1`. */
export function isKnownRef(kind: RefKind, id: unknown): boolean {
  return KNOWN[kind].has(id);
}

/**
 * Every id in `refs` that the taxonomy does not know, in field order; empty when all exist.
 * The types already rule unknown ids out, so this is for refs that crossed a boundary as data
 * (JSON, YAML, rules files) or were built with a cast.
 */
export function unknownRefIds(refs: Refs): string[] {
  const unknown: string[] = [];
  if (!isKnownRef('layer', refs.layer)) unknown.push(String(refs.layer));
  for (const kind of LIST_KINDS) {
    const value: unknown = refs[kind];
    if (value === undefined) continue;
    const ids: readonly unknown[] = Array.isArray(value) ? value : [value];
    for (const id of ids) if (!isKnownRef(kind, id)) unknown.push(String(id));
  }
  return unknown;
}

/**
 * The display name of an id: "Prompt Injection" for (`owaspLlm`, `LLM01`), "Model" for
 * (`layer`, 1). An id the taxonomy does not know (only possible past the types) is returned as is.
 */
export function describeRef<K extends RefKind>(kind: K, id: RefId<K>): string {
  return NAMES[kind].get(id) ?? String(id);
}

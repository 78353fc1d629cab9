import type {
  AtlasId,
  ControlId,
  Iso42001Id,
  LayerId,
  NistFunctionId,
  OwaspAgenticId,
  OwaspLlmId,
  ThreatId,
} from '../taxonomy/ids.js';
import type { Finding } from './finding.js';
import { type Severity, severityRank } from './severity.js';

/** The refs of several findings merged: every framework as a sorted list without repeats. */
export interface MergedRefs {
  layers?: LayerId[];
  owaspLlm?: OwaspLlmId[];
  owaspAgentic?: OwaspAgenticId[];
  atlas?: AtlasId[];
  controls?: ControlId[];
  threats?: ThreatId[];
  nist?: NistFunctionId[];
  iso?: Iso42001Id[];
}

/** What a set of findings amounts to: for one risk event, a log line or a dashboard row. */
export interface FindingSummary {
  /** The most severe finding's severity ('info' when there are none). */
  readonly severity: Severity;
  /** The detector of the most severe finding (the first of equals), if any. */
  readonly detector: string | undefined;
  readonly categories: string[];
  readonly refs: MergedRefs;
}

function sortedUnique<T extends string | number>(values: Iterable<T>): T[] | undefined {
  const list = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return list.length === 0 ? undefined : list;
}

export function summariseFindings(findings: readonly Finding[]): FindingSummary {
  let top: Finding | undefined;
  for (const f of findings)
    if (top === undefined || severityRank(f.severity) > severityRank(top.severity)) top = f;
  const refs: MergedRefs = {};
  const merge = <K extends keyof MergedRefs>(
    key: K,
    values: Iterable<NonNullable<MergedRefs[K]>[number]>,
  ) => {
    const list = sortedUnique(values);
    if (list !== undefined) refs[key] = list as MergedRefs[K];
  };
  merge(
    'layers',
    findings.map((f) => f.refs.layer),
  );
  merge(
    'owaspLlm',
    findings.flatMap((f) => f.refs.owaspLlm ?? []),
  );
  merge(
    'owaspAgentic',
    findings.flatMap((f) => f.refs.owaspAgentic ?? []),
  );
  merge(
    'atlas',
    findings.flatMap((f) => f.refs.atlas ?? []),
  );
  merge(
    'controls',
    findings.flatMap((f) => f.refs.controls ?? []),
  );
  merge(
    'threats',
    findings.flatMap((f) => f.refs.threats ?? []),
  );
  merge(
    'nist',
    findings.flatMap((f) => f.refs.nist ?? []),
  );
  merge(
    'iso',
    findings.flatMap((f) => f.refs.iso ?? []),
  );
  return {
    severity: top?.severity ?? 'info',
    detector: top?.detector,
    categories: sortedUnique(findings.map((f) => f.category)) ?? [],
    refs,
  };
}

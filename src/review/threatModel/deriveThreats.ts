import type { ControlId } from '../../taxonomy/ids.js';
import { REVIEW_SEVERITIES, type ReviewSeverity } from '../types.js';
import type { ThreatModel } from './modelSchema.js';
import { type Target, THREAT_CATALOG, type ThreatDefinition } from './threatCatalog.js';

export type ThreatStatus = 'mitigated' | 'partial' | 'open';

export interface ThreatInstance {
  readonly threat: string;
  readonly title: string;
  readonly layer: number;
  readonly severity: ReviewSeverity;
  /** The component, or `from → to` for a flow. */
  readonly where: string;
  readonly status: ThreatStatus;
  readonly present: readonly ControlId[];
  readonly missing: readonly ControlId[];
}

export interface MissingControl {
  readonly control: ControlId;
  /** Threat instances it would help close, and the weight used to rank it (critical 8 … info 1 each, open counts double). */
  readonly threats: number;
  readonly weight: number;
}

export interface ThreatAnalysis {
  readonly name: string;
  readonly threats: readonly ThreatInstance[];
  readonly missingControls: readonly MissingControl[];
  readonly summary: Readonly<Record<ThreatStatus, number>>;
}

const WEIGHT: Record<ReviewSeverity, number> = { critical: 8, high: 4, medium: 2, low: 1, info: 1 };

/** Controls in place for a target: the system's, the component's, or for a flow both ends' and the flow's own. */
function controlsAt(model: ThreatModel, target: Target): Set<ControlId> {
  const present = new Set<ControlId>(model.controls);
  if ('component' in target) for (const c of target.component.controls) present.add(c);
  else {
    for (const c of [...target.flow.controls, ...target.from.controls, ...target.to.controls]) present.add(c);
    // An authenticated, encrypted flow between workloads is mutual TLS in effect.
    if (target.flow.authenticated && target.flow.encrypted) present.add('C12');
  }
  return present;
}

function describe(target: Target): string {
  return 'component' in target
    ? target.component.id
    : `${target.from.id} → ${target.to.id} (${target.flow.data})`;
}

/**
 * Derives the threats that apply to a design and judges each by the controls in place: all of
 * its controls present is mitigated, some is partial, none is open. Missing controls are ranked
 * by how many (and how severe) threat instances each would help close.
 */
export function deriveThreats(
  model: ThreatModel,
  catalog: readonly ThreatDefinition[] = THREAT_CATALOG,
): ThreatAnalysis {
  const threats: ThreatInstance[] = [];
  for (const definition of catalog) {
    const seen = new Set<string>();
    for (const target of definition.targets(model)) {
      const where = describe(target);
      if (seen.has(where)) continue;
      seen.add(where);
      const present = controlsAt(model, target);
      const have = definition.controls.filter((c) => present.has(c));
      const missing = definition.controls.filter((c) => !present.has(c));
      threats.push({
        threat: definition.id,
        title: definition.title,
        layer: definition.layer,
        severity: definition.severity,
        where,
        status: missing.length === 0 ? 'mitigated' : have.length === 0 ? 'open' : 'partial',
        present: have,
        missing,
      });
    }
  }
  const rank = (s: ReviewSeverity) => REVIEW_SEVERITIES.indexOf(s);
  const order: Record<ThreatStatus, number> = { open: 0, partial: 1, mitigated: 2 };
  threats.sort(
    (a, b) =>
      order[a.status] - order[b.status] ||
      rank(a.severity) - rank(b.severity) ||
      a.layer - b.layer ||
      a.threat.localeCompare(b.threat) ||
      a.where.localeCompare(b.where),
  );
  const tally = new Map<ControlId, { threats: number; weight: number }>();
  for (const t of threats) {
    for (const c of t.missing) {
      const entry = tally.get(c) ?? { threats: 0, weight: 0 };
      entry.threats++;
      entry.weight += WEIGHT[t.severity] * (t.status === 'open' ? 2 : 1);
      tally.set(c, entry);
    }
  }
  const missingControls = [...tally.entries()]
    .map(([control, v]) => ({ control, ...v }))
    .sort(
      (a, b) =>
        b.weight - a.weight ||
        b.threats - a.threats ||
        a.control.localeCompare(b.control, 'en', { numeric: true }),
    );
  const summary = { open: 0, partial: 0, mitigated: 0 };
  for (const t of threats) summary[t.status]++;
  return { name: model.name, threats, missingControls, summary };
}

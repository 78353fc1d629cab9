import { fixed, MISSING, milliseconds, percent } from '../lib/format.js';
import { groupBy } from '../lib/group.js';
import type { Metrics } from '../lib/metrics.js';
import type { Column, Table } from '../lib/table.js';
import { FAMILIES, familyLabel, familyOf, scanSourceFor } from './mapping.js';
import type { InjectionRow } from './rows.js';
import { type DetectorRun, metricsOf } from './runs.js';
import type { TargetCheck } from './targets.js';

const right = (header: string): Column => ({ header, align: 'right' });
const METRIC_COLUMNS: readonly Column[] = [
  right('n'),
  right('attacks'),
  right('P'),
  right('R'),
  right('F1'),
  right('FPR'),
];

/** P, R and F1 are shown only where there are attacks; on benign-only rows they say nothing. */
function metricCells(m: Metrics): string[] {
  const attackMetrics =
    m.positives === 0 ? [MISSING, MISSING, MISSING] : [fixed(m.precision), fixed(m.recall), fixed(m.f1)];
  return [String(m.n), String(m.positives), ...attackMetrics, percent(m.fpr)];
}

export function overallTable(title: string, runs: readonly DetectorRun[], note?: string): Table {
  return {
    title,
    columns: [
      { header: 'detector' },
      ...METRIC_COLUMNS,
      right('AUC'),
      right('mean ms'),
      right('p50 ms'),
      right('p95 ms'),
    ],
    rows: runs.map((run) => {
      const m = metricsOf(run);
      return [
        run.detector.name,
        ...metricCells(m),
        m.auc === undefined ? 'n/a' : fixed(m.auc),
        milliseconds(run.latency.mean),
        milliseconds(run.latency.p50),
        milliseconds(run.latency.p95),
      ];
    }),
    ...(note ? { note } : {}),
  };
}

/** One detector's metrics per value of `key` (dataset source, scan source, ...). */
export function breakdownTable(
  title: string,
  keyHeader: string,
  run: DetectorRun,
  key: (row: InjectionRow) => string,
  note?: string,
): Table {
  const groups = groupBy(run.outcomes, (o) => key(o.row));
  return {
    title,
    columns: [{ header: keyHeader }, ...METRIC_COLUMNS, right('AUC')],
    rows: [...groups.keys()].map((value) => {
      const m = metricsOf(run, (row) => key(row) === value);
      return [value, ...metricCells(m), fixed(m.auc)];
    }),
    ...(note ? { note } : {}),
  };
}

export function scanSourceTable(run: DetectorRun): Table {
  return breakdownTable(`${run.detector.name} by scan source`, 'scanned as', run, scanSourceFor);
}

/** Every detector per kind, then per attack family (direct, jailbreak*, indirect*). */
export function kindTable(runs: readonly DetectorRun[], rows: readonly InjectionRow[]): Table {
  const scopes: { label: string; where: (row: InjectionRow) => boolean }[] = [
    ...[...groupBy(rows, (row) => row.kind).keys()].map((kind) => ({
      label: kind,
      where: (row: InjectionRow) => row.kind === kind,
    })),
    ...FAMILIES.map((family) => ({
      label: `family ${familyLabel(family)}`,
      where: (row: InjectionRow) => familyOf(row.kind) === family,
    })),
  ];
  const body: string[][] = [];
  for (const scope of scopes) {
    for (const [index, run] of runs.entries()) {
      body.push([
        index === 0 ? scope.label : '',
        run.detector.name,
        ...metricCells(metricsOf(run, scope.where)),
      ]);
    }
  }
  return {
    title: 'Per kind, all detectors',
    columns: [{ header: 'kind' }, { header: 'detector' }, ...METRIC_COLUMNS],
    rows: body,
    note:
      'Attack kinds contain only label-1 rows, so there P is 1 (or undefined) and F1 = 2R/(1+R); ' +
      'benign kinds contain only label-0 rows, so only FPR is shown. “–” = undefined or not meaningful.',
  };
}

export function targetsTable(checks: readonly TargetCheck[]): Table {
  return {
    title: 'Targets (maestro)',
    columns: [{ header: 'target' }, { header: 'goal' }, { header: 'measured' }, { header: 'result' }],
    rows: checks.map((c) => [c.target, c.goal, c.measured, c.pass ? 'PASS' : 'FAIL']),
    note: 'Peers in the F1 comparisons: every peer scored on the full split (not the 50-row heuristic sample).',
  };
}

export function detectorsTable(runs: readonly DetectorRun[]): Table {
  return {
    title: 'Detectors',
    columns: [{ header: 'detector' }, { header: 'configuration' }],
    rows: runs.map((run) => [run.detector.name, run.detector.description]),
  };
}

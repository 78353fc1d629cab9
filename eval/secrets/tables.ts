import { fixed, MISSING } from '../lib/format.js';
import type { Column, Table } from '../lib/table.js';
import { type Family, GENERIC_FAMILIES, NONE_FAMILY, OTHER_FAMILY, PROVIDER_FAMILIES } from './labels.js';
import {
  type DetectorRun,
  f1Of,
  precisionOf,
  recallOf,
  sumFamilies,
  type Tally,
  tallyByFamily,
} from './score.js';

const right = (header: string): Column => ({ header, align: 'right' });

export const TARGET_PRECISION = 0.95;
export const TARGET_RECALL = 0.95;

function tallyCells(t: Tally): string[] {
  return [
    String(t.units),
    String(t.tp),
    String(t.fn),
    String(t.fp),
    fixed(precisionOf(t)),
    fixed(recallOf(t)),
    fixed(f1Of(t)),
  ];
}

const TALLY_COLUMNS: readonly Column[] = [
  right('secrets'),
  right('TP'),
  right('FN'),
  right('FP'),
  right('P'),
  right('R'),
  right('F1'),
];

/** Provider-format secrets: the families maestro has a format rule for (the targets apply here). */
export function providerTable(runs: readonly DetectorRun[]): Table {
  return {
    title: 'Provider-format secrets, all families together (targets: P >= 0.95, R >= 0.95)',
    columns: [{ header: 'detector' }, ...TALLY_COLUMNS],
    rows: runs.map((run) => [
      run.detector.name,
      ...tallyCells(sumFamilies(tallyByFamily(run), PROVIDER_FAMILIES)),
    ]),
    note:
      'A secret is a labelled line or block (a PEM key is one secret); TP = a reported line inside it. FP = a ' +
      'reported line outside every labelled secret and ignored range, counted in files of these families.',
  };
}

function pr(t: Tally): string {
  const p = precisionOf(t);
  const r = recallOf(t);
  if (t.units === 0 && t.fp === 0) return MISSING;
  return `${p === undefined ? MISSING : p.toFixed(2)} / ${r === undefined ? MISSING : r.toFixed(2)}`;
}

function familyRows(runs: readonly DetectorRun[], groups: readonly (readonly [string, readonly Family[]])[]) {
  const tallies = runs.map((run) => tallyByFamily(run));
  return groups.map(([name, families]) => {
    const units = sumFamilies(tallies[0] ?? new Map(), families).units;
    return [name, String(units), ...tallies.map((t) => pr(sumFamilies(t, families)))];
  });
}

export function perFamilyTable(runs: readonly DetectorRun[]): Table {
  return {
    title: 'Per provider family: precision / recall',
    columns: [{ header: 'family' }, right('secrets'), ...runs.map((run) => right(run.detector.name))],
    rows: familyRows(
      runs,
      PROVIDER_FAMILIES.map((family) => [family, [family]] as const),
    ),
    note: 'Precision counts false positives in the files of that family (near-miss negatives such as a bad checksum live there).',
  };
}

export function genericTable(runs: readonly DetectorRun[]): Table {
  const all: Family[] = [...PROVIDER_FAMILIES, ...GENERIC_FAMILIES, OTHER_FAMILY, NONE_FAMILY];
  return {
    title: 'Generic credentials, other providers and all fixtures: precision / recall',
    columns: [{ header: 'group' }, right('secrets'), ...runs.map((run) => right(run.detector.name))],
    rows: familyRows(runs, [
      ...GENERIC_FAMILIES.map((family) => [family, [family]] as const),
      [`${OTHER_FAMILY} (no maestro rule)`, [OTHER_FAMILY]],
      ['files with no credential theme', [NONE_FAMILY]],
      ['all fixtures', all],
    ]),
    note:
      '`password` and `generic-secret` include CredSweeper\'s free-text "doc" samples (Korean and English notes such as ' +
      '`ID/PW master/…`), which no assignment rule reads; `other-provider` are providers without a maestro format rule, ' +
      'found only by the generic detectors.',
  };
}

interface NegativeCounts {
  readonly files: number;
  readonly withHit: number;
  readonly lines: number;
}

function negatives(
  run: DetectorRun,
  select: (run: DetectorRun['outcomes'][number]) => boolean,
): NegativeCounts {
  const chosen = run.outcomes.filter(select);
  return {
    files: chosen.length,
    withHit: chosen.filter((o) => o.falsePositiveLines.length > 0).length,
    lines: chosen.reduce((sum, o) => sum + o.falsePositiveLines.length, 0),
  };
}

export function negativeTable(runs: readonly DetectorRun[], repositoryLines: number): Table {
  const cell = (n: NegativeCounts): string => `${n.withHit}/${n.files} (${n.lines} lines)`;
  return {
    title: 'False positives on negative material (files with a false positive / files, false-positive lines)',
    columns: [
      { header: 'detector' },
      right('CredSweeper _n/_fp/_FALSE files'),
      right('detect-secrets files without secrets'),
      right('this repository: src + docs'),
    ],
    rows: runs.map((run) => [
      run.detector.name,
      cell(negatives(run, (o) => o.doc.source === 'credsweeper' && o.doc.negativeByName)),
      cell(negatives(run, (o) => o.doc.source === 'detect-secrets' && o.doc.units.length === 0)),
      cell(negatives(run, (o) => o.doc.source === 'repository')),
    ]),
    note:
      `The repository corpus is ${repositoryLines} lines of this repository's own TypeScript (tests and fixtures ` +
      'left out) and Markdown, assembled at run time; any hit there is a false positive. In the _n/_fp files a ' +
      'line labelled positive by format (see the labelling rule) is not counted as a false positive.',
  };
}

export interface TargetCheck {
  readonly name: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean;
}

export function checkTargets(runs: readonly DetectorRun[]): TargetCheck[] {
  const [maestro, ...peers] = runs;
  if (!maestro) return [];
  const mine = sumFamilies(tallyByFamily(maestro), PROVIDER_FAMILIES);
  const p = precisionOf(mine) ?? 0;
  const r = recallOf(mine) ?? 0;
  const f = f1Of(mine) ?? 0;
  const checks: TargetCheck[] = [
    {
      name: 'provider-format precision',
      value: p.toFixed(3),
      target: `>= ${TARGET_PRECISION}`,
      met: p >= TARGET_PRECISION,
    },
    {
      name: 'provider-format recall',
      value: r.toFixed(3),
      target: `>= ${TARGET_RECALL}`,
      met: r >= TARGET_RECALL,
    },
  ];
  for (const peer of peers) {
    const theirs = sumFamilies(tallyByFamily(peer), PROVIDER_FAMILIES);
    const pf = f1Of(theirs) ?? 0;
    checks.push({
      name: `provider-format F1 above ${peer.detector.name}`,
      value: `${f.toFixed(3)} vs ${pf.toFixed(3)}`,
      target: '>',
      met: f > pf,
    });
  }
  return checks;
}

export function targetsTable(checks: readonly TargetCheck[]): Table {
  return {
    title: 'Targets',
    columns: [{ header: 'check' }, right('value'), right('target'), { header: 'met' }],
    rows: checks.map((c) => [c.name, c.value, c.target, c.met ? 'yes' : 'NO']),
  };
}

export function detectorsTable(runs: readonly DetectorRun[]): Table {
  return {
    title: 'Detectors',
    columns: [{ header: 'detector' }, { header: 'configuration' }, right('total s')],
    rows: runs.map((run) => [run.detector.name, run.detector.description, (run.ms / 1000).toFixed(2)]),
  };
}

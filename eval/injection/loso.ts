import type { InjectionClassifier } from '../../src/scan/types.js';
import { duration, fixed, percent } from '../lib/format.js';
import { groupBy } from '../lib/group.js';
import { type Metrics, summarize } from '../lib/metrics.js';
import type { Table } from '../lib/table.js';
import { runDetector } from './detector.js';
import { maestroDetector } from './maestro.js';
import { scanSourceFor } from './mapping.js';
import type { InjectionRow } from './rows.js';

export const LOSO_RECALL_FLOOR = 0.6;

export interface LosoEntry {
  readonly source: string;
  readonly trainRows: number;
  /** The held-out source's label-1 test rows, scored by the model trained without it. */
  readonly heldOut: Metrics;
  /** The same rows, scored by a model trained the same way on all sources (in-distribution reference). */
  readonly reference: Metrics;
  /** The held-out source's own label-0 test rows. */
  readonly ownBenign: Metrics;
  /** Every label-0 test row. */
  readonly allBenign: Metrics;
}

export type Trainer = (rows: readonly InjectionRow[], id: string) => InjectionClassifier;

async function score(classifier: InjectionClassifier, rows: readonly InjectionRow[]) {
  return runDetector(maestroDetector(classifier), rows, { scanSource: scanSourceFor });
}

/**
 * Leave-one-source-out: for every source, retrain on train.jsonl without it and scan its test rows
 * (recall on attacks, FPR on its own benign rows) and all benign test rows (FPR).
 */
export async function leaveOneSourceOut(
  train: readonly InjectionRow[],
  test: readonly InjectionRow[],
  trainer: Trainer,
  progress: (message: string) => void,
): Promise<LosoEntry[]> {
  const benign = test.filter((row) => row.label === 0);
  const started = performance.now();
  progress('loso: training the reference model on all sources');
  const reference = await score(trainer(train, 'loso-all'), test);
  const entries: LosoEntry[] = [];
  const sources = [...groupBy(test, (row) => row.source).keys()];
  for (const [index, source] of sources.entries()) {
    const kept = train.filter((row) => row.source !== source);
    const foldStart = performance.now();
    const classifier = trainer(kept, `loso-without-${source}`);
    const outcomes = await score(
      classifier,
      test.filter((row) => row.source === source || row.label === 0),
    );
    const own = outcomes.filter((o) => o.row.source === source);
    entries.push({
      source,
      trainRows: kept.length,
      heldOut: summarize(own.filter((o) => o.label === 1)),
      reference: summarize(reference.filter((o) => o.row.source === source && o.label === 1)),
      ownBenign: summarize(own.filter((o) => o.label === 0)),
      allBenign: summarize(outcomes.filter((o) => o.label === 0)),
    });
    progress(
      `loso: ${index + 1}/${sources.length} without ${source} (${duration(performance.now() - foldStart)}, ` +
        `${benign.length} benign rows rescanned)`,
    );
  }
  progress(`loso: done in ${duration(performance.now() - started)}`);
  return entries;
}

export function losoTable(entries: readonly LosoEntry[]): Table {
  const attackSources = entries.filter((e) => e.heldOut.n > 0);
  const benignSources = entries.filter((e) => e.heldOut.n === 0);
  const flag = (e: LosoEntry): string =>
    e.heldOut.n === 0
      ? ''
      : e.heldOut.recall !== undefined && e.heldOut.recall < LOSO_RECALL_FLOOR
        ? `below ${LOSO_RECALL_FLOOR}`
        : 'ok';
  return {
    title: 'Leave one source out (classifier retrained without the source)',
    columns: [
      { header: 'held-out source' },
      { header: 'train rows', align: 'right' },
      { header: 'attacks', align: 'right' },
      { header: 'recall held out', align: 'right' },
      { header: 'recall all sources', align: 'right' },
      { header: 'own benign', align: 'right' },
      { header: 'own FPR', align: 'right' },
      { header: 'FPR all benign', align: 'right' },
      { header: 'flag' },
    ],
    rows: [...attackSources, ...benignSources].map((e) => [
      e.source,
      String(e.trainRows),
      String(e.heldOut.n),
      fixed(e.heldOut.recall),
      fixed(e.reference.recall),
      String(e.ownBenign.n),
      percent(e.ownBenign.fpr),
      percent(e.allBenign.fpr),
      flag(e),
    ]),
    note:
      '“recall all sources” is a model trained the same way on every source (in-distribution reference). ' +
      `Sources with attacks and a held-out recall below ${LOSO_RECALL_FLOOR} are flagged. ` +
      'Rows are scanned with the same source mapping as the main run; rules are unchanged, only the classifier is retrained.',
  };
}

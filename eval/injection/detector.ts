import type { Source } from '../../src/core/index.js';
import type { Outcome } from '../lib/metrics.js';
import type { InjectionRow } from './rows.js';

/** A detector's decision on one text. `score` (higher = more likely an injection) is optional. */
export interface Prediction {
  readonly positive: boolean;
  readonly score?: number;
}

export interface Detector {
  /** Short name used in tables. */
  readonly name: string;
  /** Package, version and the configuration used, for the report. */
  readonly description: string;
  /** The decision; this call is what the latency columns measure. */
  detect(text: string, source: Source): Prediction | Promise<Prediction>;
  /**
   * A score for ROC-AUC when `detect` gives none; called outside the timed section (it may run a
   * second, more sensitive configuration of the same package).
   */
  score?(text: string, source: Source): number | Promise<number>;
}

export interface RowOutcome extends Outcome {
  readonly row: InjectionRow;
  readonly ms: number;
}

export interface RunOptions {
  /** Rows run once, untimed and unrecorded, before measuring (JIT and lazy-init warm-up). */
  readonly warmup?: number;
  readonly scanSource: (row: InjectionRow) => Source;
  readonly progress?: (done: number, total: number) => void;
}

/** Runs a detector over rows one at a time, timing each `detect` call. */
export async function runDetector(
  detector: Detector,
  rows: readonly InjectionRow[],
  options: RunOptions,
): Promise<RowOutcome[]> {
  for (const row of rows.slice(0, options.warmup ?? 0))
    await detector.detect(row.text, options.scanSource(row));
  const outcomes: RowOutcome[] = [];
  for (const [index, row] of rows.entries()) {
    const source = options.scanSource(row);
    const started = performance.now();
    const prediction = await detector.detect(row.text, source);
    const ms = performance.now() - started;
    const score = prediction.score ?? (detector.score ? await detector.score(row.text, source) : undefined);
    outcomes.push(
      score === undefined
        ? { row, ms, label: row.label, predicted: prediction.positive }
        : { row, ms, label: row.label, predicted: prediction.positive, score },
    );
    options.progress?.(index + 1, rows.length);
  }
  return outcomes;
}

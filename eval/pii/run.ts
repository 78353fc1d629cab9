import { duration } from '../lib/format.js';
import { type LatencyStats, latencyStats } from '../lib/latency.js';
import type { SpanDetector } from './detector.js';
import { EVAL_ENTITIES, type EvalEntity, isEvalEntity } from './mapping.js';
import type { PiiRow } from './rows.js';
import { SpanScorer } from './score.js';

export interface DetectorResult {
  readonly detector: SpanDetector;
  readonly scorer: SpanScorer;
  readonly latency: LatencyStats;
  /** Rows on which the detector threw (scored as predicting nothing). */
  readonly errors: number;
}

const WARMUP_ROWS = 20;
/** Touches every scanner once (lazy metadata such as libphonenumber's) before timing. */
const WARMUP_TEXT =
  'Mr. Jon Doe, jon@example.com, +1 415-555-2671, 4111 1111 1111 1111, GB82WEST12345698765432, ' +
  'SSN 536-22-8726, 10.0.0.1, born on 1990-03-05, 221B Baker Street, London.';

/** Runs one detector over every row, timing each call, and scores its spans per entity type. */
export async function runSpanDetector(
  detector: SpanDetector,
  rows: readonly PiiRow[],
  progress: (message: string) => void,
): Promise<DetectorResult> {
  const started = performance.now();
  for (const text of [WARMUP_TEXT, ...rows.slice(0, WARMUP_ROWS).map((row) => row.text)]) {
    try {
      await detector.detect(text);
    } catch {
      // Warm-up only: errors are counted in the timed pass.
    }
  }
  const scorer = new SpanScorer();
  const times: number[] = [];
  let errors = 0;
  for (const row of rows) {
    const gold = row.spans
      .filter((span) => isEvalEntity(span.type))
      .map((span) => ({ type: span.type as EvalEntity, start: span.start, end: span.end }));
    const t0 = performance.now();
    let predicted: Awaited<ReturnType<SpanDetector['detect']>> = [];
    try {
      predicted = await detector.detect(row.text);
    } catch {
      errors++;
    }
    times.push(performance.now() - t0);
    scorer.add(gold, predicted, EVAL_ENTITIES);
  }
  progress(`${detector.name}: ${rows.length} rows in ${duration(performance.now() - started)}`);
  return { detector, scorer, latency: latencyStats(times), errors };
}

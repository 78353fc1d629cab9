import { duration } from '../lib/format.js';
import { packageVersion } from '../lib/packageVersion.js';
import type { Suite, SuiteContext, SuiteReport } from '../lib/suite.js';
import type { Table } from '../lib/table.js';
import { type Detector, runDetector } from './detector.js';
import { type LosoEntry, leaveOneSourceOut, losoTable } from './loso.js';
import { maestroDetector } from './maestro.js';
import { scanSourceFor } from './mapping.js';
import { injectionMarkdown } from './markdown.js';
import { haiDetector } from './peers/haiGuardrails.js';
import { llmGuardDetector } from './peers/llmGuard.js';
import { vardDetector } from './peers/vard.js';
import { hasSplit, type InjectionRow, loadSplit } from './rows.js';
import { type DetectorRun, restrict, toRun } from './runs.js';
import { fixedSample } from './sample.js';
import {
  breakdownTable,
  detectorsTable,
  kindTable,
  overallTable,
  scanSourceTable,
  targetsTable,
} from './tables.js';
import { checkTargets } from './targets.js';

/** Untimed warm-up rows: 20, or 1 in 25 for small samples (a slow peer needs seconds per row). */
const WARMUP_ROWS = 20;
const SLOW_SAMPLE_SIZE = 50;

async function measure(
  detector: Detector,
  rows: readonly InjectionRow[],
  context: SuiteContext,
): Promise<DetectorRun> {
  const started = performance.now();
  const step = Math.max(1, Math.ceil(rows.length / 4));
  const outcomes = await runDetector(detector, rows, {
    warmup: Math.min(WARMUP_ROWS, Math.ceil(rows.length / 25)),
    scanSource: scanSourceFor,
    progress: (done, total) => {
      if (done % step === 0 || done === total) context.progress(`${detector.name}: ${done}/${total}`);
    },
  });
  context.progress(`${detector.name}: done in ${duration(performance.now() - started)}`);
  return toRun(detector, outcomes);
}

/** The slow heuristic guard on a fixed sample, next to every other detector on the same rows. */
async function slowSampleTable(
  test: readonly InjectionRow[],
  runs: readonly DetectorRun[],
  context: SuiteContext,
) {
  const sample = fixedSample(test, SLOW_SAMPLE_SIZE);
  const heuristic = await measure(
    haiDetector('heuristic', packageVersion('@presidio-dev/hai-guardrails')),
    sample,
    {
      ...context,
      progress: (message) => context.progress(`${message} (50-row sample)`),
    },
  );
  const ids = new Set(sample.map((row) => row.id));
  const attacks = sample.filter((row) => row.label === 1).length;
  return {
    heuristic,
    table: overallTable(
      `SAMPLE ONLY: hai-guardrails heuristic guard on a fixed sample of ${sample.length} rows`,
      [...runs.map((run) => restrict(run, ids)), heuristic],
      `${sample.length} evenly spaced test rows (sorted by id; ${attacks} attacks). The other detectors' rows are ` +
        'their results from the full run on the same rows. Not comparable with the full-split tables.',
    ),
  };
}

async function loadTrainer() {
  const { trainClassifier } = await import('./training.js');
  return trainClassifier;
}

async function run(context: SuiteContext): Promise<SuiteReport> {
  const test = loadSplit(context.datasetsDir, 'test');
  const attacks = test.filter((row) => row.label === 1).length;
  context.progress(`injection: ${test.length} test rows (${attacks} attacks)`);
  const detectors: Detector[] = [
    maestroDetector(),
    vardDetector(packageVersion('@andersmyrmel/vard')),
    haiDetector('pattern', packageVersion('@presidio-dev/hai-guardrails')),
    llmGuardDetector(packageVersion('llm-guard')),
  ];
  const runs: DetectorRun[] = [];
  for (const detector of detectors) runs.push(await measure(detector, test, context));
  const [maestro, ...peers] = runs;
  if (!maestro) throw new Error('no maestro run');

  const skipped: string[] = [];
  let sample: { heuristic: DetectorRun; table: Table } | undefined;
  if (context.flags.skipSlow) skipped.push('hai-guardrails heuristic sample (--skip-slow)');
  else sample = await slowSampleTable(test, runs, context);

  let loso: LosoEntry[] | undefined;
  if (context.flags.skipLoso) skipped.push('leave-one-source-out (--skip-loso)');
  else if (!hasSplit(context.datasetsDir, 'train')) skipped.push('leave-one-source-out (no train.jsonl)');
  else
    loso = await leaveOneSourceOut(
      loadSplit(context.datasetsDir, 'train'),
      test,
      await loadTrainer(),
      context.progress,
    );

  const tables: Table[] = [
    detectorsTable(sample ? [...runs, sample.heuristic] : runs),
    overallTable(`Overall, full split (${test.length} rows)`, runs),
    targetsTable(checkTargets(maestro, peers)),
    breakdownTable('maestro per dataset source', 'source', maestro, (row) => row.source),
    scanSourceTable(maestro),
    kindTable(runs, test),
    ...(sample ? [sample.table] : []),
    ...(loso ? [losoTable(loso)] : []),
  ];
  const generatedAt = new Date().toISOString();
  return {
    tables,
    markdown: injectionMarkdown({ generatedAt, rows: test.length, attacks, tables, skipped }),
  };
}

export const injectionSuite: Suite = {
  name: 'injection',
  title: 'Prompt-injection detection',
  requires: ['injection/test.jsonl'],
  run,
};

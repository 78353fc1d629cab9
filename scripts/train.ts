/**
 * Trains the shipped prompt-injection classifier: `npm run train` (or `npx tsx scripts/train.ts`).
 *
 * Trains on injection/train.jsonl, picks the decision threshold for ~2 % false positives on
 * injection/dev.jsonl, prints a dev table and writes src/scan/model/injection-model.json. Never
 * reads the test split. Same inputs → byte-identical model file.
 *
 * Options: --out <file> (default: the shipped model), --seed <n>, --dry-run (do not write).
 */
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createLinearClassifier } from '../src/scan/model/linearClassifier.js';
import { withCodeSnippets } from './lib/codeSnippets.js';
import {
  datasetsDir,
  type InjectionRow,
  injectionFile,
  REPO_ROOT,
  readInjectionSplit,
  sha256File,
} from './lib/datasets.js';
import { confusionAt, groupStats, rocAuc, thresholdForFpr } from './lib/metrics.js';
import { DEFAULT_TRAIN_OPTIONS, trainInjectionModel } from './lib/trainInjectionModel.js';

const TARGET_DEV_FPR = 0.02;

function parseArgs(argv: readonly string[]): { out: string; seed: number; dryRun: boolean } {
  let out = join(REPO_ROOT, 'src', 'scan', 'model', 'injection-model.json');
  let seed: number = DEFAULT_TRAIN_OPTIONS.seed;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') out = argv[++i] ?? out;
    else if (a === '--seed') seed = Number(argv[++i]);
    else if (a === '--dry-run') dryRun = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  return { out, seed, dryRun };
}

const pct = (v: number): string => (Number.isNaN(v) ? '    -' : `${(100 * v).toFixed(1).padStart(5)}`);

function table(
  title: string,
  rows: readonly InjectionRow[],
  scores: readonly number[],
  threshold: number,
  key: (r: InjectionRow) => string,
): void {
  console.log(`\n${title}`);
  console.log(
    `${'group'.padEnd(24)} ${'n'.padStart(5)} ${'pos'.padStart(5)} ${'neg'.padStart(5)}  recall%   FPR%`,
  );
  const stats = groupStats(
    rows.map((r, i) => ({ group: key(r), label: r.label, score: scores[i]! })),
    threshold,
  );
  for (const g of stats) {
    console.log(
      `${g.group.padEnd(24)} ${String(g.n).padStart(5)} ${String(g.positives).padStart(5)} ${String(g.negatives).padStart(5)}  ${pct(g.recall)}  ${pct(g.fpr)}`,
    );
  }
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const dir = datasetsDir();
  const train = readInjectionSplit('train', dir);
  const dev = readInjectionSplit('dev', dir);
  const sha = sha256File(injectionFile('train', dir));
  console.log(`datasets: ${dir}`);
  console.log(`train: ${train.length} rows (sha256 ${sha.slice(0, 16)}…), dev: ${dev.length} rows`);

  const rows = withCodeSnippets(train, REPO_ROOT);
  console.log(`benign code snippets: ${rows.length - train.length} (scripts/lib/codeSnippets.ts)`);
  const t0 = performance.now();
  const model = trainInjectionModel(rows, {
    seed: args.seed,
    trainingFile: 'injection/train.jsonl',
    trainingSha256: sha,
    description:
      'Prompt-injection classifier: binary hashed char 1-3-grams, word 1-2-grams, words of the most ' +
      'instruction-like segment and 11 structural features; class-weighted logistic regression (AdamW), ' +
      'int8 weights. Trained by scripts/train.ts on injection/train.jsonl plus 600 benign code snippets from ' +
      'pinned packages (scripts/lib/codeSnippets.ts); threshold for ~2 % dev FPR.',
  });
  const trainMs = performance.now() - t0;
  console.log(`trained in ${(trainMs / 1000).toFixed(1)} s`);

  const classifier = createLinearClassifier(model);
  const scores = dev.map((r) => classifier.score(r.text));
  const labels = dev.map((r) => r.label);
  const auc = rocAuc(scores, labels);
  const threshold = thresholdForFpr(scores, labels, TARGET_DEV_FPR);
  const c = confusionAt(scores, labels, threshold);
  const positives = labels.filter((l) => l === 1).length;
  model.threshold = threshold;
  model.metrics = {
    dev: {
      rows: dev.length,
      positives,
      negatives: dev.length - positives,
      auc: round(auc),
      threshold,
      precision: round(c.precision),
      recall: round(c.recall),
      f1: round(c.f1),
      fpr: round(c.fpr),
    },
  };

  console.log(`\ndev (threshold ${threshold.toFixed(4)} for ≤ ${TARGET_DEV_FPR * 100} % dev FPR)`);
  console.log(
    `AUC ${auc.toFixed(4)}  precision ${c.precision.toFixed(4)}  recall ${c.recall.toFixed(4)}  F1 ${c.f1.toFixed(4)}  FPR ${c.fpr.toFixed(4)}  (tp ${c.tp} fp ${c.fp} tn ${c.tn} fn ${c.fn})`,
  );
  const at5 = confusionAt(scores, labels, 0.5);
  console.log(
    `at 0.5: precision ${at5.precision.toFixed(4)}  recall ${at5.recall.toFixed(4)}  F1 ${at5.f1.toFixed(4)}  FPR ${at5.fpr.toFixed(4)}`,
  );
  table('dev by source', dev, scores, threshold, (r) => r.source);
  table('dev by kind', dev, scores, threshold, (r) => r.kind);
  table('dev by language (en vs other)', dev, scores, threshold, (r) => (r.lang === 'en' ? 'en' : 'non-en'));

  const json = `${JSON.stringify(model, null, 2)}\n`;
  if (args.dryRun) {
    console.log(`\n--dry-run: not writing (${(json.length / 1024).toFixed(0)} KiB)`);
    return;
  }
  writeFileSync(args.out, json);
  console.log(`\nwrote ${relative(process.cwd(), args.out)} (${(json.length / 1024).toFixed(0)} KiB)`);
}

function round(v: number): number {
  return Number(v.toFixed(6));
}

main();

/**
 * `npm run calibrate`: fits how the rule score and the classifier combine, and the lane
 * thresholds per source group, on the dev split; writes src/scan/calibration.ts.
 * Train is for the classifier, dev for these choices, test only for the final report.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanSourceFor } from '../eval/injection/mapping.js';
import { isIndirectSource } from '../src/core/index.js';
import { combineScores, detectInjection, shrunkLogit } from '../src/scan/detectInjection.js';
import { datasetsDir, injectionFile, REPO_ROOT, readInjectionSplit, sha256File } from './lib/datasets.js';
import { fitLogistic } from './lib/logistic.js';

/** Dev-set ceilings the thresholds must respect; below the targets to leave a margin for test. */
const MAX_GROUP_FPR = 0.012;
const MAX_NOTINJECT_FPR = 0.05;
const MAX_BLOCK_FPR = 0.002;

interface Scored {
  readonly label: number;
  readonly score: number;
  readonly indirect: boolean;
  readonly source: string;
}

function chooseConfirm(rows: readonly Scored[]): {
  threshold: number;
  f1: number;
  fpr: number;
  recall: number;
} {
  const candidates = [...new Set(rows.map((r) => r.score))].sort((a, b) => a - b);
  const negatives = rows.filter((r) => r.label === 0).length;
  const positives = rows.length - negatives;
  const notinject = rows.filter((r) => r.source === 'notinject');
  let best = { threshold: 0.99, f1: 0, fpr: 0, recall: 0 };
  for (const t of candidates) {
    let tp = 0;
    let fp = 0;
    for (const r of rows) {
      if (r.score < t) continue;
      if (r.label === 1) tp++;
      else fp++;
    }
    const fpr = negatives === 0 ? 0 : fp / negatives;
    const ni = notinject.length === 0 ? 0 : notinject.filter((r) => r.score >= t).length / notinject.length;
    if (fpr > MAX_GROUP_FPR || ni > MAX_NOTINJECT_FPR) continue;
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = positives === 0 ? 0 : tp / positives;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    if (f1 > best.f1) best = { threshold: t, f1, fpr, recall };
  }
  return best;
}

function chooseBlock(rows: readonly Scored[], confirm: number): number {
  const negatives = rows
    .filter((r) => r.label === 0)
    .map((r) => r.score)
    .sort((a, b) => b - a);
  const allowed = Math.floor(negatives.length * MAX_BLOCK_FPR);
  const limit = negatives[allowed] ?? 0;
  return Math.min(0.99, Math.max(confirm + 0.1, limit + 1e-6));
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function main(): void {
  const dir = datasetsDir();
  const rows = readInjectionSplit('dev', dir);
  const started = Date.now();
  const parts = rows.map((row) => {
    const source = scanSourceFor(row);
    const d = detectInjection(row.text, { source });
    return {
      row,
      source,
      indirect: isIndirectSource(source),
      model: d.modelScore,
      rules: d.ruleScore,
      reliability: d.reliability,
    };
  });
  const x = parts.map((p) => {
    const i = p.indirect ? 1 : 0;
    return [shrunkLogit(p.model, p.reliability), p.rules, i, p.rules * i, 1];
  });
  const y = parts.map((p) => p.row.label);
  const [model, rules, indirect, rulesIndirect, bias] = fitLogistic(x, y, 1e-2) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const fitted = { model, rules, indirect, rulesIndirect, bias };
  // Scored exactly as securityScan will score, so the thresholds fit the shipped formula.
  const scored: Scored[] = parts.map((p) => ({
    label: p.row.label,
    score: combineScores(p.model, p.rules, p.indirect, fitted, p.reliability),
    indirect: p.indirect,
    source: p.row.source,
  }));
  const direct = scored.filter((s) => !s.indirect);
  const documents = scored.filter((s) => s.indirect);
  const user = chooseConfirm(direct);
  const retrieval = chooseConfirm(documents);
  const userBlock = chooseBlock(direct, user.threshold);
  const retrievalBlock = chooseBlock(documents, retrieval.threshold);
  const meta = {
    fittedOn: 'injection/dev.jsonl',
    sha256: sha256File(injectionFile('dev', dir)),
    rows: rows.length,
    user: { ...user, block: userBlock },
    retrieval: { ...retrieval, block: retrievalBlock },
  };
  const file = `/**
 * How the two detectors combine into one probability:
 *   z = model·shrunkLogit(p_model, reliability) + rules·s_rules + indirect·[indirect] + rulesIndirect·s_rules·[indirect] + bias
 *   score = σ(z)
 * where s_rules = 1 − Π(1 − w) over the strongest matched rule of each category.
 * Written by \`npm run calibrate\` (scripts/calibrate.ts), fitted on the dev split; do not edit by hand.
 */
export interface Calibration {
  readonly model: number;
  readonly rules: number;
  readonly indirect: number;
  readonly rulesIndirect: number;
  readonly bias: number;
}

export const CALIBRATION: Calibration = {
  model: ${round(model)},
  rules: ${round(rules)},
  indirect: ${round(indirect)},
  rulesIndirect: ${round(rulesIndirect)},
  bias: ${round(bias)},
};

/** Lane thresholds on the calibrated score, chosen on dev for direct and indirect sources. */
export const CALIBRATED_THRESHOLDS = {
  direct: { confirm: ${round(user.threshold)}, block: ${round(userBlock)} },
  indirect: { confirm: ${round(retrieval.threshold)}, block: ${round(retrievalBlock)} },
} as const;

/** Provenance of the numbers above. */
export const CALIBRATION_META = ${JSON.stringify(
    { ...meta, user: roundAll(meta.user), retrieval: roundAll(meta.retrieval) },
    null,
    2,
  )
    .replace(/"(\w+)":/g, '$1:')
    .replace(/"/g, "'")} as const;
`;
  writeFileSync(join(REPO_ROOT, 'src/scan/calibration.ts'), file);
  console.log(`calibrated on ${rows.length} dev rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log({ model, rules, indirect, rulesIndirect, bias });
  console.log('user', meta.user);
  console.log('retrieval', meta.retrieval);
}

function roundAll<T extends Record<string, number>>(o: T): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v)])) as T;
}

main();

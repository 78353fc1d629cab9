import { packageVersion } from '../lib/packageVersion.js';
import type { Suite, SuiteContext, SuiteReport } from '../lib/suite.js';
import { renderMarkdown, renderTerminal, type Table } from '../lib/table.js';
import { type Corpus, type Doc, loadFixtures, loadRepository } from './corpus.js';
import type { SecretDetector } from './detector.js';
import { LABELLING_RULE } from './labels.js';
import { maestroDetector } from './maestro.js';
import { haiSecretDetector } from './peers/haiGuardrails.js';
import { openaiGuardrailsDetector } from './peers/openaiGuardrails.js';
import { secretlintDetector } from './peers/secretlint.js';
import { type DetectorRun, runDetector } from './score.js';
import {
  checkTargets,
  detectorsTable,
  genericTable,
  negativeTable,
  perFamilyTable,
  providerTable,
  targetsTable,
} from './tables.js';

export function secretDetectors(): SecretDetector[] {
  return [
    maestroDetector(),
    openaiGuardrailsDetector(packageVersion('@openai/guardrails')),
    haiSecretDetector(packageVersion('@presidio-dev/hai-guardrails')),
    secretlintDetector(packageVersion('@secretlint/secretlint-rule-preset-recommend')),
  ];
}

/** Misses and false positives of one run, for whoever tunes the rules (`SECRETS_EVAL_DEBUG=1`). */
function debugListing(run: DetectorRun): string {
  const out: string[] = [];
  for (const { doc, detected, falsePositiveLines } of run.outcomes) {
    doc.units.forEach((unit, index) => {
      if (!detected[index])
        out.push(`MISS ${doc.id}:${unit.from}${unit.to > unit.from ? `-${unit.to}` : ''} ${unit.family}`);
    });
    for (const line of falsePositiveLines) out.push(`FP   ${doc.id}:${line} (${doc.family})`);
  }
  return out.join('\n');
}

function method(corpus: Corpus, repository: readonly Doc[]): string {
  const fixtures = corpus.docs.length;
  const units = corpus.docs.reduce((sum, d) => sum + d.units.length, 0);
  return [
    `**Data.** ${fixtures} text files from \`secrets/credsweeper/samples\` and \`secrets/detect-secrets\` ` +
      `(${units} labelled secrets), read at run time from \`$MAESTRO_DATASETS\` or \`../shared/datasets/\`; ` +
      `${corpus.binary.length} binary files (archives, images, office documents, compiled code) are skipped because ` +
      'the output guard scans text. Excluded: ' +
      corpus.excluded.map((e) => `\`${e.file}\` (${e.why})`).join('; ') +
      `. Plus ${repository.length} files of this repository (\`src/**/*.ts\` without tests and fixtures, \`docs/*.md\`) as ` +
      'ordinary code and prose.',
    `**Labels.** ${LABELLING_RULE}`,
    "**Caveats.** The labels were written by the author of maestro's rules, partly while developing them; a few " +
      'ambiguous lines were re-decided against the written rule during development (a CRC-valid Grafana token, ' +
      'a 6-long run in a SonarQube token, two secret-named values). The list of further provider formats was ' +
      "chosen with the CredSweeper sample names in view, from each provider's documentation. Several provider " +
      'families have one to six samples: read per-family rows as smoke tests; the unit tests cover near misses.',
    '**Scoring.** Each detector reports lines. maestro and secretlint scan whole files (a match counts on the line ' +
      'where it starts); the two guardrail libraries judge single strings and are called once per line. A labelled ' +
      'secret is found when a reported line falls inside it; every other reported line outside ignored ranges is one ' +
      'false positive.',
  ].join('\n\n');
}

export interface SecretsEvalOptions {
  readonly datasetsDir: string;
  readonly repoRoot: string;
  readonly progress?: (message: string) => void;
  readonly debug?: boolean;
}

export interface SecretsEvalResult {
  readonly tables: readonly Table[];
  readonly markdown: string;
  readonly debug: string;
}

export async function evaluateSecrets(options: SecretsEvalOptions): Promise<SecretsEvalResult> {
  const corpus = loadFixtures(options.datasetsDir);
  const repository = loadRepository(options.repoRoot);
  const docs = [...corpus.docs, ...repository];
  options.progress?.(`secrets: ${corpus.docs.length} fixture files, ${repository.length} repository files`);
  const runs: DetectorRun[] = [];
  for (const detector of secretDetectors()) runs.push(await runDetector(detector, docs, options.progress));
  const repositoryLines = repository.reduce((sum, d) => sum + d.lineStarts.length, 0);
  const tables: Table[] = [
    providerTable(runs),
    perFamilyTable(runs),
    genericTable(runs),
    negativeTable(runs, repositoryLines),
    targetsTable(checkTargets(runs)),
    detectorsTable(runs),
  ];
  const markdown = [
    '## Secret detection (C19, OWASP LLM02)',
    `Generated ${new Date().toISOString()}.`,
    method(corpus, repository),
    ...tables.map((table) => renderMarkdown(table)),
    '### How to reproduce',
    '```sh\nnpm run eval -- --suite secrets\n```\nSet `MAESTRO_DATASETS=/path/to/datasets` when the datasets are not at `../shared/datasets/`.',
  ].join('\n\n');
  return { tables, markdown, debug: runs[0] ? debugListing(runs[0]) : '' };
}

async function run(context: SuiteContext): Promise<SuiteReport> {
  const result = await evaluateSecrets({
    datasetsDir: context.datasetsDir,
    repoRoot: context.repoRoot,
    progress: context.progress,
  });
  return { tables: result.tables, markdown: result.markdown };
}

/** The suite for `eval/run.ts` (add it to `SUITES`). */
export const secretsSuite: Suite = {
  name: 'secrets',
  title: 'Secret detection',
  requires: ['secrets/credsweeper/samples', 'secrets/detect-secrets'],
  run,
};

/**
 * The brief's entry point: runs the suite against `$MAESTRO_DATASETS` (or `../shared/datasets`) and
 * returns the terminal rendering and the Markdown block.
 */
export async function runSecretsEval(): Promise<{ table: string; markdown: string }> {
  const { locateDatasets, REPO_ROOT } = await import('../lib/datasets.js');
  const located = locateDatasets();
  if (!located.found) throw new Error(`secrets eval: ${located.reason}`);
  const result = await evaluateSecrets({ datasetsDir: located.dir, repoRoot: REPO_ROOT });
  return { table: result.tables.map((t) => renderTerminal(t)).join('\n\n'), markdown: result.markdown };
}

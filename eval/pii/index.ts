import { locateDatasets } from '../lib/datasets.js';
import { packageVersion } from '../lib/packageVersion.js';
import type { Suite, SuiteContext, SuiteReport } from '../lib/suite.js';
import { renderTerminal, type Table } from '../lib/table.js';
import type { SpanDetector } from './detector.js';
import { maestroDetector } from './maestro.js';
import { piiMarkdown } from './markdown.js';
import { haiPiiDetector } from './peers/haiGuardrails.js';
import { openaiDetector } from './peers/openaiGuardrails.js';
import { loadPiiRows, PII_DATASET } from './rows.js';
import { type DetectorResult, runSpanDetector } from './run.js';
import { detectorsTable, latencyTable, perEntityTable, targetRows, targetsTable } from './tables.js';

/** Confidence of the strict maestro row: validated phone numbers only, no single first names. */
const STRICT_CONFIDENCE = 0.7;

async function evaluate(context: Pick<SuiteContext, 'datasetsDir' | 'progress'>): Promise<SuiteReport> {
  const rows = loadPiiRows(context.datasetsDir);
  const spans = rows.reduce((sum, row) => sum + row.spans.length, 0);
  context.progress(`pii: ${rows.length} rows, ${spans} labelled spans`);
  const detectors: SpanDetector[] = [
    maestroDetector(),
    openaiDetector(packageVersion('@openai/guardrails')),
    haiPiiDetector(packageVersion('@presidio-dev/hai-guardrails')),
  ];
  const results: DetectorResult[] = [];
  for (const detector of detectors) results.push(await runSpanDetector(detector, rows, context.progress));
  const [maestro, ...peers] = results;
  if (!maestro) throw new Error('no maestro run');
  // Not a peer: the same detector with its unvalidated / weak-cue tiers dropped.
  const strict = await runSpanDetector(maestroDetector(STRICT_CONFIDENCE), rows, context.progress);
  const targets = targetRows(maestro, peers);
  const tables: Table[] = [
    detectorsTable([maestro, strict, ...peers]),
    perEntityTable([maestro, strict, ...peers], rows.length),
    targetsTable(targets),
    latencyTable(results),
  ];
  return {
    tables,
    markdown: piiMarkdown({ generatedAt: new Date().toISOString(), rows: rows.length, spans, tables }),
  };
}

/** The PII suite for `eval/run.ts` (`npm run eval -- --suite pii`). */
export const piiSuite: Suite = {
  name: 'pii',
  title: 'PII detection',
  requires: [PII_DATASET],
  run: (context) => evaluate(context),
};

export interface PiiEvalOptions {
  /** Datasets folder; default: `$MAESTRO_DATASETS` or `../shared/datasets`. */
  readonly datasetsDir?: string;
  readonly progress?: (message: string) => void;
}

/**
 * Runs the PII evaluation on its own: `table` is the terminal rendering of every table, `markdown`
 * the block for docs/eval.md.
 */
export async function runPiiEval(options: PiiEvalOptions = {}): Promise<{ table: string; markdown: string }> {
  let datasetsDir = options.datasetsDir;
  if (!datasetsDir) {
    const located = locateDatasets();
    if (!located.found) throw new Error(`PII evaluation needs the datasets: ${located.reason}`);
    datasetsDir = located.dir;
  }
  const report = await evaluate({
    datasetsDir,
    progress: options.progress ?? ((message) => process.stderr.write(`  … ${message}\n`)),
  });
  return { table: report.tables.map((t) => renderTerminal(t)).join('\n\n'), markdown: report.markdown };
}

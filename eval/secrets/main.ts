/**
 * Runs only the secrets suite and prints it (`npx tsx eval/secrets/main.ts`), without touching
 * docs/eval.md. `SECRETS_EVAL_DEBUG=1` also lists maestro's misses and false positives on stderr.
 */
import { locateDatasets, REPO_ROOT } from '../lib/datasets.js';
import { renderTerminal } from '../lib/table.js';
import { evaluateSecrets } from './index.js';

const located = locateDatasets();
if (!located.found) {
  console.log(`Secrets evaluation skipped: ${located.reason}`);
} else {
  const result = await evaluateSecrets({
    datasetsDir: located.dir,
    repoRoot: REPO_ROOT,
    progress: (m) => process.stderr.write(`  … ${m}\n`),
  });
  for (const table of result.tables) console.log(`${renderTerminal(table)}\n`);
  if (process.env['SECRETS_EVAL_DEBUG'] === '1') process.stderr.write(`${result.debug}\n`);
}

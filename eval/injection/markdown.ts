import { renderMarkdown, type Table } from '../lib/table.js';
import { INJECTION_PROVENANCE } from './provenance.js';

export interface InjectionDocInput {
  readonly generatedAt: string;
  readonly rows: number;
  readonly attacks: number;
  readonly tables: readonly Table[];
  readonly skipped: readonly string[];
}

const METHOD = [
  '**Method.** Every row of `injection/test.jsonl` is scanned once by every detector, one row at a time, in ' +
    'the same process; latency is the wall time of that one call, after an untimed warm-up (the first 20 rows; ' +
    '2 rows for the 50-row sample). maestro is called as `securityScan(text, { source })` and counts as ' +
    'positive when the lane is not `auto` (`confirm` or `block`); its ROC-AUC uses `score`.',
  '**Source mapping.** Rows whose `kind` ends with `-document` (`bipia-email`, `bipia-table`, `bipia-code` ' +
    'and `selfinstruct-t0`, which occur with both labels) are documents that a retrieval or tool step would ' +
    "deliver, so they are scanned with `source: 'retrieval'` (the stricter, indirect policy). Every other row " +
    "is something a person typed and is scanned with `source: 'user'`. The mapping reads only `kind`, never " +
    'the label. Peers have no notion of source and see the text only.',
  '**Families.** `direct` is the kind `direct`; `jailbreak*` is every kind starting with `jailbreak`; ' +
    '`indirect*` every kind starting with `indirect`. These kinds hold only attacks, so F1 there moves with ' +
    'recall alone.',
  '**Peers.** The pattern-based guard of hai-guardrails, vard and llm-guard run on the full split. The ' +
    'heuristic guard of hai-guardrails needs seconds per row, so it runs on a fixed sample of 50 rows (evenly ' +
    'spaced rows of the test split sorted by id) and is reported in its own table, next to the other detectors ' +
    "on the same 50 rows. A peer without a continuous score gets an AUC from whatever it exposes: hai-pattern's " +
    "0/1 score and llm-guard's three levels make their AUC close to balanced accuracy; vard's AUC uses the " +
    'highest threat severity its strict preset finds at threshold 0 (computed outside the timed call).',
].join('\n\n');

const PEER_NOTES = [
  '**Peer notes** (for the versions above).',
  '- vard: its default blocks every input longer than 10,000 characters (reported as an `instructionOverride` ' +
    'threat), whatever the content; most of its benign false positives are role-manipulation patterns such as ' +
    '"imagine you" and "you are a …".',
  '- hai-guardrails: the pattern guard strips punctuation before matching, so its patterns that contain a colon ' +
    '(`system:`, `assistant:`, `user:`) can never match; its score is 0 or 1. The ' +
    'heuristic guard compares ~4,400 generated phrases with every word window (seconds per short prompt, over a ' +
    'minute for a 4,000-character document); with the tactic default threshold 0.5 a single matching word ' +
    'already scores 0.6, so the README example threshold 0.7 is used.',
  '- llm-guard: every guard (PII, profanity, jailbreak, toxicity, relevance) is on unless set to `false`, so they ' +
    'are switched off explicitly to measure the injection guard alone. Its patterns include everyday phrases ' +
    '("how can", "tell me", "explain how") and unbounded `.*password` expressions, and its score takes only the ' +
    'values 1, 0.4 and 0.3.',
].join('\n');

function provenanceTable(): Table {
  return {
    title: 'Dataset sources and licences',
    columns: [{ header: 'source' }, { header: 'what it is' }, { header: 'origin (licence)' }],
    rows: INJECTION_PROVENANCE.map((p) => [p.sources, p.what, p.origin]),
    note:
      'Rows are read at run time from `$MAESTRO_DATASETS` or `../shared/datasets/`; no dataset row is stored ' +
      'in this repository.',
  };
}

export function injectionMarkdown(input: InjectionDocInput): string {
  const parts = [
    '## Prompt-injection detection',
    `Generated ${input.generatedAt} from \`injection/test.jsonl\`: ${input.rows} rows, ${input.attacks} attacks, ` +
      `${input.rows - input.attacks} benign.`,
    METHOD,
    ...input.tables.map((table) => renderMarkdown(table)),
    PEER_NOTES,
  ];
  if (input.skipped.length > 0) parts.push(`**Skipped in this run:** ${input.skipped.join('; ')}.`);
  parts.push(
    renderMarkdown(provenanceTable()),
    '### How to reproduce',
    [
      '```sh',
      'npm run eval -- --suite injection               # everything (several minutes)',
      'npm run eval -- --suite injection --skip-loso   # without leave-one-source-out retraining',
      'npm run eval -- --suite injection --skip-slow   # without the 50-row hai-guardrails heuristic sample',
      '```',
      'Set `MAESTRO_DATASETS=/path/to/datasets` when the datasets are not at `../shared/datasets/`.',
    ].join('\n'),
  );
  return parts.join('\n\n');
}

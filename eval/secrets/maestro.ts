import { detectSecrets, SECRET_REPORT_THRESHOLD } from '../../src/output/secrets/index.js';
import { type Doc, lineAt } from './corpus.js';
import type { SecretDetector } from './detector.js';

/** maestro's `detectSecrets`, counting matches at or above the reporting threshold. */
export function maestroDetector(): SecretDetector {
  return {
    name: 'maestro',
    description: `maestro \`detectSecrets(text)\` on the whole file; a match counts when confidence >= ${SECRET_REPORT_THRESHOLD}`,
    hitLines(doc: Doc) {
      const lines = new Set<number>();
      for (const match of detectSecrets(doc.text, { minConfidence: SECRET_REPORT_THRESHOLD })) {
        lines.add(lineAt(doc, match.start));
      }
      return lines;
    },
  };
}

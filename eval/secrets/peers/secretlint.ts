import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { type Doc, lineAt } from '../corpus.js';
import type { SecretDetector } from '../detector.js';

/**
 * secretlint with its recommended preset, through `@secretlint/core`'s `lintSource` on the whole
 * file (the reference evaluated before maestro's rules were written; a linter, not an output guard).
 */
export function secretlintDetector(version: string): SecretDetector {
  return {
    name: 'secretlint',
    description: `@secretlint/core + @secretlint/secretlint-rule-preset-recommend ${version}, \`lintSource\` per file; hit = any message`,
    async hitLines(doc: Doc) {
      const result = await lintSource({
        source: { content: doc.text, filePath: `/virtual/${doc.id}`, contentType: 'text' },
        options: {
          config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] },
        },
      });
      const lines = new Set<number>();
      for (const message of result.messages) lines.add(lineAt(doc, message.range[0]));
      return lines;
    },
  };
}

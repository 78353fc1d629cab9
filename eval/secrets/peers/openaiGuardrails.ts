import { secretKeysCheck } from '@openai/guardrails/dist/checks/secret-keys.js';
import type { Doc } from '../corpus.js';
import { linesOf, type SecretDetector } from '../detector.js';

type Threshold = 'strict' | 'balanced' | 'permissive';

/**
 * @openai/guardrails "Secret Keys" check, called offline as a plain function (it needs no client
 * or model). It splits text on whitespace and judges each word, so running it line by line gives
 * the same decisions with line attribution.
 */
export function openaiGuardrailsDetector(version: string, threshold: Threshold = 'balanced'): SecretDetector {
  return {
    name: `openai-guardrails`,
    description: `@openai/guardrails ${version}, \`secretKeysCheck({}, line, { threshold: '${threshold}' })\` per line; hit = tripwireTriggered`,
    async hitLines(doc: Doc) {
      const lines = new Set<number>();
      const all = linesOf(doc);
      for (let i = 0; i < all.length; i++) {
        const line = all[i]!;
        if (line.trim() === '') continue;
        const result = await secretKeysCheck({}, line, { threshold });
        if (result.tripwireTriggered) lines.add(i + 1);
      }
      return lines;
    },
  };
}

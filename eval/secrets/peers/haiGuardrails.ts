import { secretGuard } from '@presidio-dev/hai-guardrails';
import type { Doc } from '../corpus.js';
import { linesOf, type SecretDetector } from '../detector.js';

interface GuardOutcome {
  readonly passed: boolean;
}

type MessageGuard = (
  messages: { role: string; content: string }[],
) => Promise<GuardOutcome[]> | GuardOutcome[];

/**
 * @presidio-dev/hai-guardrails `secretGuard` with its default patterns in block mode (in the
 * default redact mode `passed` stays true even when it redacts). Its patterns are single-line
 * regexes, so it runs line by line for attribution.
 */
export function haiSecretDetector(version: string): SecretDetector {
  const guard: MessageGuard = secretGuard({ roles: ['user'], mode: 'block' });
  return {
    name: 'hai-guardrails',
    description: `@presidio-dev/hai-guardrails ${version}, \`secretGuard({ roles: ['user'], mode: 'block' })\` per line; hit = !passed`,
    async hitLines(doc: Doc) {
      const lines = new Set<number>();
      const all = linesOf(doc);
      for (let i = 0; i < all.length; i++) {
        const line = all[i]!;
        if (line.trim() === '') continue;
        const [result] = await guard([{ role: 'user', content: line }]);
        if (result && !result.passed) lines.add(i + 1);
      }
      return lines;
    },
  };
}

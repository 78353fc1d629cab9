import { injectionGuard } from '@presidio-dev/hai-guardrails';
import type { Detector } from '../detector.js';

export type HaiMode = 'pattern' | 'heuristic';

/** The fields of a guard result this evaluation reads. */
interface GuardOutcome {
  readonly passed: boolean;
  readonly additionalFields?: Record<string, unknown>;
}

type MessageGuard = (
  messages: { role: string; content: string }[],
) => Promise<GuardOutcome[]> | GuardOutcome[];

/** Thresholds: the tactic default (0.5) for pattern, the README's example (0.7) for heuristic. */
export const HAI_THRESHOLDS: Readonly<Record<HaiMode, number>> = { pattern: 0.5, heuristic: 0.7 };

/**
 * @presidio-dev/hai-guardrails `injectionGuard` on a single user message. Positive = `passed === false`;
 * score = the tactic's score (0/1 for pattern, continuous for heuristic).
 */
export function haiDetector(mode: HaiMode, version: string): Detector {
  const threshold = HAI_THRESHOLDS[mode];
  const guard: MessageGuard = injectionGuard({ roles: ['user'] }, { mode, threshold });
  return {
    name: `hai-${mode}`,
    description: `@presidio-dev/hai-guardrails ${version}, \`injectionGuard({ roles: ['user'] }, { mode: '${mode}', threshold: ${threshold} })\`; positive = !passed`,
    async detect(text) {
      const [result] = await guard([{ role: 'user', content: text }]);
      if (!result) throw new Error('hai-guardrails returned no result for the message');
      const score = result.additionalFields?.['score'];
      return typeof score === 'number' ? { positive: !result.passed, score } : { positive: !result.passed };
    },
  };
}

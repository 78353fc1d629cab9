import vard from '@andersmyrmel/vard';
import type { Detector } from '../detector.js';

/**
 * @andersmyrmel/vard with its zero-config default (`vard(text)`, the moderate preset: threshold 0.7,
 * max length 10,000 characters). Positive = it throws. vard reports no score, so the AUC score is the
 * highest severity among all threats the strict preset finds at threshold 0 (untimed).
 */
export function vardDetector(version: string): Detector {
  const sensitive = vard.strict().threshold(0);
  return {
    name: 'vard',
    description: `@andersmyrmel/vard ${version}, default \`vard(text)\` (moderate preset); positive = throws`,
    detect(text) {
      try {
        vard(text);
        return { positive: false };
      } catch {
        return { positive: true };
      }
    },
    score(text) {
      const result = sensitive.safeParse(text);
      return result.safe ? 0 : Math.max(0, ...result.threats.map((threat) => threat.severity));
    },
  };
}

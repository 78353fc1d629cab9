import type { Lane, Source } from '../core/index.js';
import { CALIBRATED_THRESHOLDS } from './calibration.js';
import type { LaneThresholds } from './types.js';

/**
 * Default thresholds on the calibrated score, chosen on the dev split (see docs/eval.md).
 * Indirect sources get lower ones: a document or tool result that gives orders is an attack
 * even when the same words from a user would be a request. System text is the operator's own.
 */
export const DEFAULT_THRESHOLDS: Readonly<Record<Source, LaneThresholds>> = {
  user: CALIBRATED_THRESHOLDS.direct,
  retrieval: CALIBRATED_THRESHOLDS.indirect,
  tool: CALIBRATED_THRESHOLDS.indirect,
  agent: CALIBRATED_THRESHOLDS.indirect,
  // The operator's own text: only the most certain detections stop it.
  system: { confirm: 0.9, block: 0.98 },
};

/** Step 5: the lane a score leads to for a source. */
export function routeLane(
  score: number,
  source: Source,
  overrides?: Partial<Record<Source, LaneThresholds>>,
): Lane {
  const t = overrides?.[source] ?? DEFAULT_THRESHOLDS[source];
  if (score >= t.block) return 'block';
  if (score >= t.confirm) return 'confirm';
  return 'auto';
}

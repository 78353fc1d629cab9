import { detectPii } from '../../src/output/pii/index.js';
import type { SpanDetector } from './detector.js';
import { EVAL_ENTITIES, MAESTRO_TO_DATASET } from './mapping.js';
import type { PredictedSpan } from './score.js';

/**
 * maestro `detectPii(text)` with its defaults (all entities, default region US). With
 * `minConfidence`, matches below it are dropped: 0.7 keeps only validated phone numbers (the
 * unvalidated, context-announced tier reports 0.6), single first names and weak name cues.
 */
export function maestroDetector(minConfidence = 0): SpanDetector {
  return {
    name: minConfidence > 0 ? `maestro ≥ ${minConfidence}` : 'maestro',
    description:
      minConfidence > 0
        ? `the same run, keeping only matches with confidence ≥ ${minConfidence} (not a peer)`
        : '`detectPii(text)`: all entities, `defaultRegion: US`; DATE_OF_BIRTH scored as DATE_TIME',
    supports: EVAL_ENTITIES,
    detect(text) {
      const spans: PredictedSpan[] = [];
      for (const match of detectPii(text)) {
        if (match.confidence < minConfidence) continue;
        const type = MAESTRO_TO_DATASET[match.label];
        if (type) spans.push({ type, start: match.start, end: match.end });
      }
      return spans;
    },
  };
}

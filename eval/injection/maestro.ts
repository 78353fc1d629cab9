import { securityScan } from '../../src/scan/index.js';
import type { InjectionClassifier } from '../../src/scan/types.js';
import type { Detector } from './detector.js';

/**
 * maestro's `securityScan(text, { source })`. Positive = any lane other than `auto`; score = the
 * calibrated `score`. `classifier` replaces the shipped model (leave-one-source-out runs).
 */
export function maestroDetector(classifier?: InjectionClassifier, name = 'maestro'): Detector {
  return {
    name,
    description: classifier
      ? `securityScan(text, { source, classifier: ${classifier.id} }); positive = lane !== 'auto'`
      : "securityScan(text, { source }) with the shipped model; positive = lane !== 'auto'",
    async detect(text, source) {
      const result = await securityScan(text, classifier ? { source, classifier } : { source });
      return { positive: result.lane !== 'auto', score: result.score };
    },
  };
}

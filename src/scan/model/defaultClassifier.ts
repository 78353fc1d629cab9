import model from './injection-model.json' with { type: 'json' };
import { createLinearClassifier, type LinearInjectionClassifier } from './linearClassifier.js';

/**
 * The shipped prompt-injection classifier, built once at module load from
 * `injection-model.json` (trained by `npm run train`; metadata and dev metrics are in the file).
 */
export const defaultClassifier: LinearInjectionClassifier = createLinearClassifier(model);

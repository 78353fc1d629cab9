/** The learned prompt-injection classifier: hashed n-gram features and a quantised linear model. */
export { defaultClassifier } from './defaultClassifier.js';
export {
  canonicalize,
  DEFAULT_FEATURE_CONFIG,
  type FeatureConfig,
  Featurizer,
  type SparseFeatures,
  STRUCTURAL_FEATURES,
} from './features.js';
export { createLinearClassifier, type LinearInjectionClassifier, sigmoid } from './linearClassifier.js';
export {
  type DecodedModel,
  decodeModelFile,
  ModelFileError,
  modelFileProblem,
} from './modelFile.js';
export type { ClassificationMetrics, ModelFile } from './modelFileSchema.js';

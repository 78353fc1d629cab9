import type { InjectionClassifier } from '../types.js';
import { Featurizer } from './features.js';
import { type DecodedModel, decodeModelFile } from './modelFile.js';

/** A linear classifier that also exposes its decision threshold and raw margin. */
export interface LinearInjectionClassifier extends InjectionClassifier {
  /** Score at or above which the model alone calls a text an attack (~2 % FPR on dev). */
  readonly threshold: number;
  /** The logit before the sigmoid. */
  margin(text: string): number;
}

/** Logistic function, finite for every finite or infinite input. */
export function sigmoid(z: number): number {
  if (Number.isNaN(z)) return 1;
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Builds an `InjectionClassifier` from a model file (the parsed JSON). The file is checked against
 * `ModelFileSchema`'s shape and its weights decoded once; `score` is pure and deterministic (it reuses one scratch
 * buffer, so it is not re-entrant, which JavaScript's single thread guarantees).
 */
export function createLinearClassifier(modelFile: unknown): LinearInjectionClassifier {
  const model: DecodedModel = decodeModelFile(modelFile);
  const featurizer = new Featurizer(model.features);
  const margin = (text: string): number => featurizer.margin(text, model);
  return {
    id: model.id,
    threshold: model.threshold,
    margin,
    score: (text: string): number => sigmoid(margin(text)),
  };
}

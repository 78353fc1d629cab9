/**
 * The model file format as a zod schema: the published contract (`maestro/schemas`) and what the
 * training script writes. Loading a model checks the same shape without zod (`modelFile.ts`),
 * and a property test holds the two to each other.
 */
import { z } from 'zod';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION } from './modelFile.js';

// Ranges are checked in `decodeModelFile`; zod 4's z.number() already rejects NaN and ±Infinity.
const num = z.number();
const int = z.int();
const str = z.string();
const bool = z.boolean();

export const FeatureConfigSchema = z.strictObject({
  bits: int,
  charMin: int,
  charMax: int,
  wordUnigrams: bool,
  wordBigrams: bool,
  foldDigits: bool,
  structural: bool,
  wordWeight: num,
  segmentWeight: num,
  maxFeatures: int,
});

export const ClassificationMetricsSchema = z.strictObject({
  rows: int,
  positives: int,
  negatives: int,
  auc: num,
  threshold: num,
  precision: num,
  recall: num,
  f1: num,
  fpr: num,
});

export const ModelFileSchema = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_FORMAT_VERSION),
  id: str,
  description: str.optional(),
  features: FeatureConfigSchema,
  weights: z.strictObject({
    encoding: z.literal('int8'),
    /** Real weight = int8 value × scale (> 0). */
    scale: num,
    /** Number of int8 weights: 2^bits. */
    length: int,
    /** Checksum of the raw int8 bytes (`checksumBytes`): detects corrupted or truncated data. */
    checksum: str,
    data: str,
  }),
  /** Weights of the dense structural features, in `STRUCTURAL_FEATURES` order. */
  structuralWeights: z.array(num),
  bias: num,
  /** Score at or above which the model alone calls a text an attack (chosen on dev, ~2 % FPR). */
  threshold: num,
  training: z.strictObject({
    file: str,
    sha256: str,
    rows: int,
    positives: int,
    negatives: int,
    seed: int,
    hyperparameters: z.record(str, z.union([num, str, bool])),
  }),
  metrics: z.strictObject({ dev: ClassificationMetricsSchema.optional() }),
});

export type ModelFile = z.infer<typeof ModelFileSchema>;
export type ClassificationMetrics = z.infer<typeof ClassificationMetricsSchema>;

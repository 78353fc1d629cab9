/**
 * How the two detectors combine into one probability:
 *   z = model·shrunkLogit(p_model, reliability) + rules·s_rules + indirect·[indirect] + rulesIndirect·s_rules·[indirect] + bias
 *   score = σ(z)
 * where s_rules = 1 − Π(1 − w) over the strongest matched rule of each category.
 * Written by `npm run calibrate` (scripts/calibrate.ts), fitted on the dev split; do not edit by hand.
 */
export interface Calibration {
  readonly model: number;
  readonly rules: number;
  readonly indirect: number;
  readonly rulesIndirect: number;
  readonly bias: number;
}

export const CALIBRATION: Calibration = {
  model: 1.036907,
  rules: 1.594872,
  indirect: -0.917205,
  rulesIndirect: 4.791527,
  bias: 0.278694,
};

/** Lane thresholds on the calibrated score, chosen on dev for direct and indirect sources. */
export const CALIBRATED_THRESHOLDS = {
  direct: { confirm: 0.648062, block: 0.904282 },
  indirect: { confirm: 0.782879, block: 0.894366 },
} as const;

/** Provenance of the numbers above. */
export const CALIBRATION_META = {
  fittedOn: 'injection/dev.jsonl',
  sha256: 'cc020be11437ec797dfe556a80d124025e04701ffe53aba11d0eaa1bd31d43b5',
  rows: 2004,
  user: {
    threshold: 0.648062,
    f1: 0.965338,
    fpr: 0.008557,
    recall: 0.944068,
    block: 0.904282,
  },
  retrieval: {
    threshold: 0.782879,
    f1: 0.941704,
    fpr: 0.004167,
    recall: 0.905172,
    block: 0.894366,
  },
} as const;

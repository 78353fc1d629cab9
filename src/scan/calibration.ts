/**
 * How the two detectors combine into one probability:
 *   score = σ(model · logit(p_model) + rules · s_rules + indirect · [indirect source] + bias)
 * where s_rules = 1 − Π(1 − w) over the strongest matched rule of each category. The
 * coefficients are fitted by `npm run calibrate` on the dev split (logistic regression).
 */
export interface Calibration {
  readonly model: number;
  readonly rules: number;
  readonly indirect: number;
  readonly bias: number;
}

export const CALIBRATION: Calibration = { model: 1, rules: 4, indirect: 0.5, bias: -1 };

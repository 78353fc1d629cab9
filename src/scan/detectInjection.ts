import { type Finding, isIndirectSource, type Source } from '../core/index.js';
import { CALIBRATION, type Calibration } from './calibration.js';
import { CLASSIFIER_REFS, INJECTION_CATEGORY_INFO } from './categories.js';
import { expandForDetection } from './decode/index.js';
import { defaultClassifier } from './model/index.js';
import type { CompiledRules } from './rules/compile.js';
import { defaultCompiledRules } from './rules/defaultRules.js';
import { matchUnits, type RuleMatch } from './rules/detectRules.js';
import type { InjectionClassifier } from './types.js';

export interface DetectOptions {
  readonly source?: Source;
  readonly classifier?: InjectionClassifier;
  readonly rules?: CompiledRules;
  readonly calibration?: Calibration;
  /** Offset added to spans and the message index they belong to (chat input). */
  readonly message?: number;
}

export interface InjectionDetection {
  /** Calibrated probability in [0, 1]. */
  readonly score: number;
  /** Rule evidence in [0, 1]: 1 − Π(1 − w) over the strongest rule of each category. */
  readonly ruleScore: number;
  /** The classifier's probability, the highest over the text and everything decoded from it. */
  readonly modelScore: number;
  /** How much the classifier counts for this text, in [0, 1] (short texts count less). */
  readonly reliability: number;
  readonly matches: readonly RuleMatch[];
  readonly findings: readonly Finding[];
}

/** The classifier's own finding appears once its probability alone passes this. */
const CLASSIFIER_FINDING_AT = 0.5;
const EPSILON = 1e-6;

function logit(p: number): number {
  const q = Math.min(Math.max(p, EPSILON), 1 - EPSILON);
  return Math.log(q / (1 - q));
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Combines the strongest match of each category: independent evidence adds up. */
export function ruleEvidence(matches: readonly RuleMatch[]): number {
  const strongest = new Map<string, number>();
  for (const m of matches) strongest.set(m.category, Math.max(strongest.get(m.category) ?? 0, m.weight));
  let miss = 1;
  for (const w of strongest.values()) miss *= 1 - w;
  return 1 - miss;
}

/** Letters and digits a text needs before the classifier's opinion counts in full. */
const FULL_EVIDENCE_CHARS = 32;

/**
 * How much the classifier's opinion counts, in [0, 1]: a two-word text gives it too few
 * n-grams to be trusted ("hi" is not an attack because jailbreaks often start with it).
 */
export function classifierReliability(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length && n < FULL_EVIDENCE_CHARS; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c > 0x7f) n++;
  }
  return n / FULL_EVIDENCE_CHARS;
}

/** Where the classifier's logit is pulled for texts with little evidence: a benign prior. */
const SHORT_TEXT_PRIOR = logit(0.05);

/** The classifier's logit, pulled towards the benign prior as reliability drops. */
export function shrunkLogit(modelScore: number, reliability: number): number {
  return reliability * logit(modelScore) + (1 - reliability) * SHORT_TEXT_PRIOR;
}

export function combineScores(
  modelScore: number,
  ruleScore: number,
  indirect: boolean,
  c: Calibration,
  reliability = 1,
): number {
  const i = indirect ? 1 : 0;
  return sigmoid(
    c.model * shrunkLogit(modelScore, reliability) +
      c.rules * ruleScore +
      c.indirect * i +
      c.rulesIndirect * ruleScore * i +
      c.bias,
  );
}

function withMessage(span: { start: number; end: number }, message: number | undefined) {
  return message === undefined ? span : { ...span, message };
}

/**
 * Step 3: the rule detector and the learned classifier, combined into one calibrated score.
 * Both read the text and every payload decoded from inside it; the source decides whether
 * orders aimed at the AI count (they do in documents and tool results).
 */
export function detectInjection(text: string, options: DetectOptions = {}): InjectionDetection {
  const source = options.source ?? 'user';
  const indirect = isIndirectSource(source);
  const classifier = options.classifier ?? defaultClassifier;
  const units = expandForDetection(text);
  const matches = matchUnits(units, options.rules ?? defaultCompiledRules, indirect);
  let modelScore = 0;
  for (const unit of units) modelScore = Math.max(modelScore, classifier.score(unit.raw));
  if (!Number.isFinite(modelScore) || modelScore < 0 || modelScore > 1) {
    throw new Error('classifier returned a value outside [0, 1]');
  }
  const ruleScore = ruleEvidence(matches);
  const reliability = classifierReliability(text);
  const score = combineScores(
    modelScore,
    ruleScore,
    indirect,
    options.calibration ?? CALIBRATION,
    reliability,
  );

  const findings: Finding[] = [];
  let encoded: RuleMatch | undefined;
  for (const m of matches) {
    const info = INJECTION_CATEGORY_INFO[m.category];
    findings.push({
      detector: `rules:${m.ruleId}`,
      category: m.category,
      severity: m.weight >= 0.5 ? info.severity : 'low',
      span: withMessage({ start: m.start, end: m.end }, options.message),
      evidence:
        m.encodings.length > 0 ? `${info.label}, hidden in ${m.encodings.join(' inside ')}` : info.label,
      refs: info.refs,
    });
    if (m.encodings.length > 0 && (encoded === undefined || m.weight > encoded.weight)) encoded = m;
  }
  if (encoded !== undefined) {
    const info = INJECTION_CATEGORY_INFO.encoded_payload;
    findings.push({
      detector: `decode:${encoded.encodings.join('>')}`,
      category: 'encoded_payload',
      severity: info.severity,
      span: withMessage({ start: encoded.start, end: encoded.end }, options.message),
      evidence: `${info.label}: ${encoded.encodings.join(' inside ')} decoded to an injection phrase`,
      refs: info.refs,
    });
  }
  if (modelScore >= CLASSIFIER_FINDING_AT && reliability === 1) {
    findings.push({
      detector: `classifier:${classifier.id}`,
      category: 'injection',
      severity: modelScore >= 0.9 ? 'high' : 'medium',
      ...(options.message === undefined
        ? {}
        : { span: { start: 0, end: text.length, message: options.message } }),
      evidence: `Learned classifier probability ${modelScore.toFixed(2)}`,
      refs: CLASSIFIER_REFS,
    });
  }
  return { score, ruleScore, modelScore, reliability, matches, findings };
}

export { INJECTION_CATEGORY_INFO } from './categories.js';
export { expandForDetection, type ScanUnit } from './decode/index.js';
export { detectInjection, type InjectionDetection, ruleEvidence, combineScores } from './detectInjection.js';
export { DEFAULT_THRESHOLDS, routeLane } from './lanes.js';
export { normaliseForDetection, toOriginalSpan, type MappedText } from './normalise/index.js';
export { DEFAULT_MAX_BYTES, scanOptionsSchema } from './options.js';
export { ALL_RULES } from './rules/allRules.js';
export { compileRules, type CompiledRules } from './rules/compile.js';
export { detectRuleMatches, type RuleMatch } from './rules/detectRules.js';
export { INJECTION_CATEGORIES, type InjectionCategory, type PhraseRule, RULE_LANGS } from './rules/types.js';
export { sanitizeInput } from './sanitize.js';
export { isScanDisabled, securityScan } from './securityScan.js';
export type {
  ChatMessage,
  InjectionClassifier,
  LaneThresholds,
  SanitizeReport,
  ScanInput,
  ScanOptions,
  ScanResult,
} from './types.js';
export { utf8ByteLength, validateInput, type ValidatedInput } from './validate.js';

export { INJECTION_CATEGORY_INFO } from './categories.js';
export { expandForDetection, type ScanUnit } from './decode/index.js';
export { combineScores, detectInjection, type InjectionDetection, ruleEvidence } from './detectInjection.js';
export { DEFAULT_THRESHOLDS, routeLane } from './lanes.js';
export { type MappedText, normaliseForDetection, toOriginalSpan } from './normalise/index.js';
export { DEFAULT_MAX_BYTES, MAX_MAX_BYTES, type ResolvedScanOptions, resolveScanOptions } from './options.js';
export { type ScanEventContext, scanRiskEvent } from './riskEvent.js';
export { type CompiledRules, compileRules, type RuleMeta } from './rules/compile.js';
export { SHIPPED_RULES } from './rules/defaultRules.js';
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
export { type ValidatedInput, validateInput } from './validate.js';

import { DELIMITER_RULES } from './delimiters.js';
import { AR_RULES } from './phrases/ar.js';
import { DE_RULES } from './phrases/de.js';
import { EN_RULES } from './phrases/en.js';
import { ES_RULES } from './phrases/es.js';
import { FR_RULES } from './phrases/fr.js';
import { HI_RULES } from './phrases/hi.js';
import { IT_RULES } from './phrases/it.js';
import { JA_RULES } from './phrases/ja.js';
import { KO_RULES } from './phrases/ko.js';
import { PT_RULES } from './phrases/pt.js';
import { RU_RULES } from './phrases/ru.js';
import { ZH_RULES } from './phrases/zh.js';
import type { PhraseRule } from './types.js';

/**
 * Every shipped phrase rule, wired by static imports (no registry, nothing loaded at run time).
 * The scanner itself loads the prebuilt `compiled-rules.bin`; `npm run build:rules` regenerates
 * it from this list and a test fails when the two disagree.
 */
export const ALL_RULES: readonly PhraseRule[] = Object.freeze([
  ...DELIMITER_RULES,
  ...EN_RULES,
  ...DE_RULES,
  ...FR_RULES,
  ...ES_RULES,
  ...IT_RULES,
  ...PT_RULES,
  ...RU_RULES,
  ...ZH_RULES,
  ...JA_RULES,
  ...KO_RULES,
  ...HI_RULES,
  ...AR_RULES,
]);

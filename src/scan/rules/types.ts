/** What an injection finding is about. Each category maps to taxonomy refs in `categories.ts`. */
export const INJECTION_CATEGORIES = [
  'instruction_override',
  'role_manipulation',
  'jailbreak',
  'prompt_extraction',
  'code_execution',
  'delimiter_injection',
  'encoded_payload',
  'data_exfiltration',
  'indirect_command',
] as const;
export type InjectionCategory = (typeof INJECTION_CATEGORIES)[number];

/** Languages the phrase tables cover (ISO 639-1). */
export const RULE_LANGS = ['en', 'de', 'fr', 'es', 'it', 'pt', 'ru', 'zh', 'ja', 'ko', 'hi', 'ar'] as const;
export type RuleLang = (typeof RULE_LANGS)[number];

/**
 * One phrase family. It matches when one term of each set in `sequence` occurs, in order, each
 * term starting at most `window` characters after the previous term ended (default 40).
 *
 * Terms are literal text (no regex). They are normalised with the detector's own normaliser when
 * the rules are compiled, so write them naturally (case and accents do not matter). A term that
 * ends with `*` is a stem: it may be followed by more letters ("instruct*" matches
 * "instructions"). Otherwise a term in a spaced script (Latin, Cyrillic, Greek, Devanagari,
 * Arabic) must start and end at word boundaries; terms in Han, Kana and Hangul match anywhere.
 */
export interface PhraseRule {
  readonly id: string;
  readonly lang: RuleLang;
  readonly category: InjectionCategory;
  /** How strongly one match indicates an attack on its own, in (0, 1]. */
  readonly weight: number;
  readonly sequence: readonly (readonly string[])[];
  readonly window?: number;
  /** Counts only when the text came from an indirect source (retrieval, tool, agent). */
  readonly indirectOnly?: boolean;
}

import { LLMGuard } from 'llm-guard';
import type { Detector } from '../detector.js';

/** The part of llm-guard's response this evaluation reads. */
interface GuardVerdict {
  readonly isValid: boolean;
  /** 1 = clean; lower = more suspicious (0.4 or 0.3 from the injection guard). */
  readonly score: number;
}

interface PromptValidator {
  validate(prompt: string): Promise<GuardVerdict>;
}

/**
 * llm-guard's prompt-injection guard alone. Every other guard is on unless explicitly `false`, so
 * all five are switched off. Positive = `isValid === false`; score = 1 - its score.
 */
export function llmGuardDetector(version: string): Detector {
  const guard: PromptValidator = new LLMGuard({
    promptInjection: true,
    jailbreak: false,
    pii: false,
    profanity: false,
    relevance: false,
    toxicity: false,
  });
  return {
    name: 'llm-guard',
    description: `llm-guard ${version}, \`new LLMGuard({ promptInjection: true, others false })\`; positive = !isValid`,
    async detect(text) {
      const verdict = await guard.validate(text);
      return { positive: !verdict.isValid, score: 1 - verdict.score };
    },
  };
}

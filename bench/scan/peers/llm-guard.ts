import { LLMGuard } from 'llm-guard';
import type { Peer } from './types.js';

/** llm-guard with only its prompt-injection scanner on (the others default to on). */
export function createLlmGuardPeer(): Peer {
  const guard = new LLMGuard({
    promptInjection: true,
    jailbreak: false,
    pii: false,
    profanity: false,
    relevance: false,
    toxicity: false,
  });
  return {
    name: 'llm-guard',
    config: 'new LLMGuard({ promptInjection: true, others false }).validate',
    slow: false,
    check: async (text) => !(await guard.validate(text)).isValid,
  };
}

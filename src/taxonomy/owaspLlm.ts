import type { OwaspLlmId } from './ids.js';

/** A risk of the OWASP Top 10 for LLM Applications. */
export interface OwaspLlmRisk {
  readonly id: OwaspLlmId;
  readonly name: string;
  readonly summary: string;
}

/** The edition the ids and names below belong to. */
export const OWASP_LLM_EDITION = '2025';

/**
 * OWASP Top 10 for LLM Applications, 2025 edition. The numbering differs from v1.1 (which the
 * original MAESTRO security guide used): cite these ids, not the v1.1 ones.
 */
export const OWASP_LLM = {
  LLM01: {
    id: 'LLM01',
    name: 'Prompt Injection',
    summary: 'Input, direct or hidden in content the model reads, changes its behaviour against the intent.',
  },
  LLM02: {
    id: 'LLM02',
    name: 'Sensitive Information Disclosure',
    summary: 'The model or application reveals personal data, credentials or confidential information.',
  },
  LLM03: {
    id: 'LLM03',
    name: 'Supply Chain',
    summary: 'Compromised models, datasets, packages or plugins the application depends on.',
  },
  LLM04: {
    id: 'LLM04',
    name: 'Data and Model Poisoning',
    summary: 'Tampered training, fine-tuning or embedding data plants backdoors, bias or errors.',
  },
  LLM05: {
    id: 'LLM05',
    name: 'Improper Output Handling',
    summary: 'Model output reaches browsers, shells or other systems without validation or encoding.',
  },
  LLM06: {
    id: 'LLM06',
    name: 'Excessive Agency',
    summary: 'The model can act with more functions, permissions or autonomy than its task needs.',
  },
  LLM07: {
    id: 'LLM07',
    name: 'System Prompt Leakage',
    summary: 'The system prompt is extracted, exposing what it holds or how the application is guarded.',
  },
  LLM08: {
    id: 'LLM08',
    name: 'Vector and Embedding Weaknesses',
    summary: 'Weak access control or poisoned content in retrieval stores leaks data or steers the model.',
  },
  LLM09: {
    id: 'LLM09',
    name: 'Misinformation',
    summary: 'Confident but false output is trusted and acted upon.',
  },
  LLM10: {
    id: 'LLM10',
    name: 'Unbounded Consumption',
    summary: 'Uncontrolled requests exhaust compute or money, or let an attacker copy the model.',
  },
} as const satisfies Readonly<Record<OwaspLlmId, OwaspLlmRisk>>;

import { describe, expect, it } from 'vitest';
import { OWASP_LLM_IDS } from './ids.js';
import { OWASP_LLM } from './owaspLlm.js';

describe('OWASP_LLM (2025)', () => {
  it('has the ten 2025 risks under their 2025 names', () => {
    expect(Object.keys(OWASP_LLM)).toEqual([...OWASP_LLM_IDS]);
    expect(OWASP_LLM_IDS.map((id) => OWASP_LLM[id].name)).toEqual([
      'Prompt Injection',
      'Sensitive Information Disclosure',
      'Supply Chain',
      'Data and Model Poisoning',
      'Improper Output Handling',
      'Excessive Agency',
      'System Prompt Leakage',
      'Vector and Embedding Weaknesses',
      'Misinformation',
      'Unbounded Consumption',
    ]);
    for (const id of OWASP_LLM_IDS) {
      expect(OWASP_LLM[id].id).toBe(id);
      expect(OWASP_LLM[id].summary.length).toBeGreaterThan(0);
    }
  });
});

import type { Refs } from '../core/index.js';

/** Secrets and PII leaving through an output: data leakage (C19, T4, LLM02, AML.T0057). */
export const LEAK_REFS: Refs = {
  layer: 1,
  controls: ['C19'],
  threats: ['T4'],
  owaspLlm: ['LLM02'],
  atlas: ['AML.T0057'],
  nist: ['MANAGE'],
};

/** Output that the next system would render or execute (C23, T4, LLM05). */
export const UNSAFE_REFS: Refs = {
  layer: 1,
  controls: ['C23'],
  threats: ['T4'],
  owaspLlm: ['LLM05'],
  atlas: ['AML.T0077'],
  nist: ['MANAGE'],
};

/** Output aimed at a shell or database: code execution through the next hop. */
export const SINK_REFS: Refs = {
  ...UNSAFE_REFS,
  owaspLlm: ['LLM05', 'LLM06'],
  owaspAgentic: ['T11'],
};

export const OUTPUT_FAILED_REFS: Refs = {
  layer: 1,
  controls: ['C19', 'C23'],
  threats: ['T4'],
  owaspLlm: ['LLM02', 'LLM05'],
};

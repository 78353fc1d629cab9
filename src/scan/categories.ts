import type { Refs, Severity } from '../core/index.js';
import type { InjectionCategory } from './rules/types.js';

/** What each injection category means for a report: a label, a default severity and its refs. */
export interface CategoryInfo {
  readonly label: string;
  readonly severity: Severity;
  readonly refs: Refs;
}

const LAYER1_INPUT = {
  layer: 1,
  controls: ['C1', 'C2'],
  threats: ['T1'],
  nist: ['MEASURE', 'MANAGE'],
} as const;

export const INJECTION_CATEGORY_INFO: Readonly<Record<InjectionCategory, CategoryInfo>> = {
  instruction_override: {
    label: 'Instruction override',
    severity: 'high',
    refs: {
      ...LAYER1_INPUT,
      owaspLlm: ['LLM01'],
      owaspAgentic: ['T6'],
      atlas: ['AML.T0051', 'AML.T0051.000'],
    },
  },
  role_manipulation: {
    label: 'Role manipulation',
    severity: 'medium',
    refs: { ...LAYER1_INPUT, owaspLlm: ['LLM01'], owaspAgentic: ['T6'], atlas: ['AML.T0051', 'AML.T0054'] },
  },
  jailbreak: {
    label: 'Persona jailbreak',
    severity: 'high',
    refs: { ...LAYER1_INPUT, owaspLlm: ['LLM01'], owaspAgentic: ['T6'], atlas: ['AML.T0054'] },
  },
  prompt_extraction: {
    label: 'System prompt extraction',
    severity: 'high',
    refs: { ...LAYER1_INPUT, owaspLlm: ['LLM07', 'LLM01'], atlas: ['AML.T0056', 'AML.T0051'] },
  },
  code_execution: {
    label: 'Code execution request aimed at tools',
    severity: 'high',
    refs: {
      ...LAYER1_INPUT,
      controls: ['C1', 'C2', 'C14'],
      owaspLlm: ['LLM01', 'LLM06'],
      owaspAgentic: ['T2', 'T11'],
      atlas: ['AML.T0051', 'AML.T0053'],
    },
  },
  delimiter_injection: {
    label: 'Delimiter or chat-template injection',
    severity: 'high',
    refs: { ...LAYER1_INPUT, owaspLlm: ['LLM01'], atlas: ['AML.T0051'] },
  },
  encoded_payload: {
    label: 'Encoded payload',
    severity: 'medium',
    refs: { ...LAYER1_INPUT, owaspLlm: ['LLM01'], atlas: ['AML.T0051', 'AML.T0068'] },
  },
  data_exfiltration: {
    label: 'Data exfiltration instruction',
    severity: 'critical',
    refs: {
      ...LAYER1_INPUT,
      controls: ['C1', 'C2', 'C19'],
      owaspLlm: ['LLM01', 'LLM02'],
      owaspAgentic: ['T2'],
      atlas: ['AML.T0051', 'AML.T0057', 'AML.T0086'],
    },
  },
  indirect_command: {
    label: 'Order addressed to the AI inside indirect content',
    severity: 'high',
    refs: {
      ...LAYER1_INPUT,
      controls: ['C1', 'C2', 'C18'],
      owaspLlm: ['LLM01'],
      owaspAgentic: ['T6', 'T12'],
      atlas: ['AML.T0051.001', 'AML.T0070'],
    },
  },
};

/** Refs of the learned classifier's finding and of the fail-closed finding. */
export const CLASSIFIER_REFS: Refs = {
  ...LAYER1_INPUT,
  owaspLlm: ['LLM01'],
  atlas: ['AML.T0051'],
};

export const SCAN_FAILED_REFS: Refs = {
  layer: 1,
  controls: ['C1', 'C2'],
  threats: ['T1'],
  owaspLlm: ['LLM01'],
};

/**
 * The identifiers of every framework maestro cites. The data about each id (names, mappings)
 * lives in the sibling files; these lists are the single source of which ids exist.
 */

/** MAESTRO layers by number: 1 Model … 7 Orchestration. */
export const LAYER_IDS = [1, 2, 3, 4, 5, 6, 7] as const;
export type LayerId = (typeof LAYER_IDS)[number];

/** Controls C1–C23 of the reference multi-agent threat model. */
export const CONTROL_IDS = [
  'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11', 'C12',
  'C13', 'C14', 'C15', 'C16', 'C17', 'C18', 'C19', 'C20', 'C21', 'C22', 'C23',
] as const;
export type ControlId = (typeof CONTROL_IDS)[number];

/** Threats T1–T7 of the reference multi-agent threat model. */
export const THREAT_IDS = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'] as const;
export type ThreatId = (typeof THREAT_IDS)[number];

/** OWASP Top 10 for LLM Applications, 2025 edition. */
export const OWASP_LLM_IDS = [
  'LLM01', 'LLM02', 'LLM03', 'LLM04', 'LLM05', 'LLM06', 'LLM07', 'LLM08', 'LLM09', 'LLM10',
] as const;
export type OwaspLlmId = (typeof OWASP_LLM_IDS)[number];

/** OWASP Agentic AI – Threats and Mitigations (2025), T1–T15. Namespaced apart from THREAT_IDS by field. */
export const OWASP_AGENTIC_IDS = [
  'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T13', 'T14', 'T15',
] as const;
export type OwaspAgenticId = (typeof OWASP_AGENTIC_IDS)[number];

/** MITRE ATLAS techniques that concern LLM agents. */
export const ATLAS_IDS = [
  'AML.T0010',
  'AML.T0020',
  'AML.T0024',
  'AML.T0029',
  'AML.T0034',
  'AML.T0043',
  'AML.T0051',
  'AML.T0051.000',
  'AML.T0051.001',
  'AML.T0051.002',
  'AML.T0053',
  'AML.T0054',
  'AML.T0056',
  'AML.T0057',
  'AML.T0061',
  'AML.T0065',
  'AML.T0067',
  'AML.T0068',
  'AML.T0069',
  'AML.T0070',
  'AML.T0077',
  'AML.T0080',
  'AML.T0081',
  'AML.T0083',
  'AML.T0086',
  'AML.T0110',
] as const;
export type AtlasId = (typeof ATLAS_IDS)[number];

/** NIST AI RMF 1.0 core functions. */
export const NIST_FUNCTION_IDS = ['GOVERN', 'MAP', 'MEASURE', 'MANAGE'] as const;
export type NistFunctionId = (typeof NIST_FUNCTION_IDS)[number];

/**
 * The identifiers of every framework maestro cites. The data about each id (names, mappings)
 * lives in the sibling files; these lists are the single source of which ids exist.
 *
 * Rule for this file: an id is listed only when it has been checked against the framework's own
 * publication. A plausible-looking id that cannot be confirmed stays out.
 */

/** MAESTRO layers by number: 1 Model … 7 Orchestration. */
export const LAYER_IDS = [1, 2, 3, 4, 5, 6, 7] as const;
export type LayerId = (typeof LAYER_IDS)[number];

/**
 * The Cloud Security Alliance's names for the seven MAESTRO layers, in their order (position + 1
 * is the CSA layer number). Our own layer names differ; `csaLayers.ts` holds the mapping.
 */
export const CSA_LAYER_NAMES = [
  'Foundation Models',
  'Data Operations',
  'Agent Frameworks',
  'Deployment & Infrastructure',
  'Evaluation & Observability',
  'Security & Compliance',
  'Agent Ecosystem',
] as const;
export type CsaLayerName = (typeof CSA_LAYER_NAMES)[number];

/** Controls C1–C23 of the reference multi-agent threat model. */
export const CONTROL_IDS = [
  'C1',
  'C2',
  'C3',
  'C4',
  'C5',
  'C6',
  'C7',
  'C8',
  'C9',
  'C10',
  'C11',
  'C12',
  'C13',
  'C14',
  'C15',
  'C16',
  'C17',
  'C18',
  'C19',
  'C20',
  'C21',
  'C22',
  'C23',
] as const;
export type ControlId = (typeof CONTROL_IDS)[number];

/** Threats T1–T7 of the reference multi-agent threat model. */
export const THREAT_IDS = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'] as const;
export type ThreatId = (typeof THREAT_IDS)[number];

/** OWASP Top 10 for LLM Applications, 2025 edition. */
export const OWASP_LLM_IDS = [
  'LLM01',
  'LLM02',
  'LLM03',
  'LLM04',
  'LLM05',
  'LLM06',
  'LLM07',
  'LLM08',
  'LLM09',
  'LLM10',
] as const;
export type OwaspLlmId = (typeof OWASP_LLM_IDS)[number];

/** OWASP Agentic AI – Threats and Mitigations (2025), T1–T15. Namespaced apart from THREAT_IDS by field. */
export const OWASP_AGENTIC_IDS = [
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'T10',
  'T11',
  'T12',
  'T13',
  'T14',
  'T15',
] as const;
export type OwaspAgenticId = (typeof OWASP_AGENTIC_IDS)[number];

/**
 * MITRE ATLAS techniques that concern LLM agents. Every id was checked against the ATLAS data
 * release (mitre-atlas/atlas-data, dist/ATLAS.yaml, version 5.6.0).
 */
export const ATLAS_IDS = [
  'AML.T0010',
  'AML.T0020',
  'AML.T0024',
  'AML.T0029',
  'AML.T0034',
  'AML.T0034.002',
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
  'AML.T0080.000',
  'AML.T0080.001',
  'AML.T0081',
  'AML.T0083',
  'AML.T0086',
  'AML.T0098',
  'AML.T0099',
  'AML.T0101',
  'AML.T0110',
] as const;
export type AtlasId = (typeof ATLAS_IDS)[number];

/** The ATLAS tactics the techniques above belong to (same data release). */
export const ATLAS_TACTIC_IDS = [
  'AML.TA0001',
  'AML.TA0003',
  'AML.TA0004',
  'AML.TA0005',
  'AML.TA0006',
  'AML.TA0007',
  'AML.TA0008',
  'AML.TA0010',
  'AML.TA0011',
  'AML.TA0012',
  'AML.TA0013',
] as const;
export type AtlasTacticId = (typeof ATLAS_TACTIC_IDS)[number];

/** NIST AI RMF 1.0 core functions. */
export const NIST_FUNCTION_IDS = ['GOVERN', 'MAP', 'MEASURE', 'MANAGE'] as const;
export type NistFunctionId = (typeof NIST_FUNCTION_IDS)[number];

/** ISO/IEC 42001:2023 Annex A control objectives (the nine headings, A.2–A.10). */
export const ISO_42001_OBJECTIVE_IDS = [
  'A.2',
  'A.3',
  'A.4',
  'A.5',
  'A.6',
  'A.7',
  'A.8',
  'A.9',
  'A.10',
] as const;
export type Iso42001ObjectiveId = (typeof ISO_42001_OBJECTIVE_IDS)[number];

/**
 * ISO/IEC 42001:2023 Annex A controls that maestro cites. Not all 38: only those whose number and
 * title agree across independent published control lists (the standard's text is paywalled).
 */
export const ISO_42001_CONTROL_IDS = [
  'A.2.2',
  'A.3.2',
  'A.3.3',
  'A.4.5',
  'A.6.2.4',
  'A.6.2.5',
  'A.6.2.6',
  'A.6.2.8',
  'A.7.3',
  'A.7.4',
  'A.7.5',
  'A.8.4',
  'A.9.2',
  'A.9.3',
  'A.9.4',
  'A.10.2',
  'A.10.3',
  'A.10.4',
] as const;
export type Iso42001ControlId = (typeof ISO_42001_CONTROL_IDS)[number];

/** Any ISO/IEC 42001 Annex A id a finding may cite: an objective or one of the controls above. */
export const ISO_42001_IDS = [...ISO_42001_OBJECTIVE_IDS, ...ISO_42001_CONTROL_IDS] as const;
export type Iso42001Id = Iso42001ObjectiveId | Iso42001ControlId;

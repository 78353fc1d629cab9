import type { Refs } from '../core/index.js';
import type { LayerId } from './ids.js';

/** The refs a finding at a layer cites by default: every framework field present, possibly empty. */
export type LayerRefs = Required<Refs>;

/**
 * The cross-framework matrix: for each MAESTRO layer, what it corresponds to in OWASP (LLM Top
 * 10 2025 and the agentic threats), MITRE ATLAS, NIST AI RMF, ISO/IEC 42001 Annex A, and the
 * reference model's controls and threats. A detector narrows these to what its finding is about;
 * a report prints them as the matrix.
 *
 * Placement choices worth knowing:
 * - Memory and retrieval poisoning (agentic T1, LLM08, AML.T0070, AML.T0080.000) sit at
 *   Integration, the layer whose CSA counterpart is Data Operations.
 * - Conversation-context poisoning (AML.T0080, .001) sits at Agent Logic with tool misuse.
 * - Approval fatigue (agentic T10) sits at Execution, where the confirm lane gates side effects.
 * - A layer with no fitting reference threat or ATLAS technique cites none rather than a loose one.
 */
export const CROSSWALK = {
  1: {
    layer: 1,
    owaspLlm: ['LLM01', 'LLM02', 'LLM04', 'LLM07', 'LLM09'],
    owaspAgentic: ['T5', 'T6', 'T7', 'T15'],
    atlas: [
      'AML.T0020',
      'AML.T0024',
      'AML.T0043',
      'AML.T0051',
      'AML.T0051.000',
      'AML.T0051.001',
      'AML.T0051.002',
      'AML.T0054',
      'AML.T0056',
      'AML.T0057',
      'AML.T0065',
      'AML.T0067',
      'AML.T0068',
      'AML.T0069',
      'AML.T0077',
    ],
    nist: ['MEASURE', 'MANAGE'],
    iso: ['A.6.2.4', 'A.6.2.6'],
    controls: ['C1', 'C2', 'C19', 'C23'],
    threats: ['T1', 'T4'],
  },
  2: {
    layer: 2,
    owaspLlm: ['LLM05', 'LLM06'],
    owaspAgentic: ['T2', 'T6'],
    atlas: ['AML.T0053', 'AML.T0080', 'AML.T0080.001', 'AML.T0086'],
    nist: ['MAP', 'MEASURE'],
    iso: ['A.6.2.4', 'A.9.4'],
    controls: ['C1', 'C3', 'C8', 'C17'],
    threats: ['T1', 'T7'],
  },
  3: {
    layer: 3,
    owaspLlm: ['LLM03', 'LLM08'],
    owaspAgentic: ['T1'],
    atlas: ['AML.T0010', 'AML.T0070', 'AML.T0080.000', 'AML.T0099', 'AML.T0110'],
    nist: ['MAP', 'MANAGE'],
    iso: ['A.7.3', 'A.7.4', 'A.7.5', 'A.10.3'],
    controls: ['C6', 'C12', 'C18'],
    threats: [],
  },
  4: {
    layer: 4,
    owaspLlm: ['LLM02'],
    owaspAgentic: ['T7', 'T8'],
    atlas: [],
    nist: ['MEASURE', 'MANAGE'],
    iso: ['A.6.2.6', 'A.6.2.8', 'A.8.4'],
    controls: ['C5', 'C9', 'C15', 'C20', 'C21'],
    threats: ['T2', 'T7'],
  },
  5: {
    layer: 5,
    owaspLlm: ['LLM06', 'LLM10'],
    owaspAgentic: ['T4', 'T10', 'T11'],
    atlas: ['AML.T0029', 'AML.T0034', 'AML.T0034.002', 'AML.T0101'],
    nist: ['MANAGE'],
    iso: ['A.4.5', 'A.6.2.6'],
    controls: ['C3', 'C6', 'C14', 'C17', 'C22'],
    threats: ['T3'],
  },
  6: {
    layer: 6,
    owaspLlm: ['LLM02', 'LLM03'],
    owaspAgentic: ['T3', 'T11'],
    atlas: ['AML.T0081', 'AML.T0083', 'AML.T0098'],
    nist: ['GOVERN', 'MANAGE'],
    iso: ['A.4.5', 'A.6.2.5'],
    controls: ['C4', 'C7', 'C10', 'C11', 'C12', 'C13', 'C14'],
    threats: ['T3', 'T6'],
  },
  7: {
    layer: 7,
    owaspLlm: ['LLM03', 'LLM06'],
    owaspAgentic: ['T3', 'T9', 'T12', 'T13', 'T14'],
    atlas: ['AML.T0010', 'AML.T0061'],
    nist: ['GOVERN', 'MAP'],
    iso: ['A.3.2', 'A.6.2.5', 'A.10.2'],
    controls: ['C8', 'C9', 'C10', 'C16', 'C17', 'C20'],
    threats: ['T2', 'T5'],
  },
} as const satisfies Readonly<Record<LayerId, LayerRefs>>;

/** The default refs for a finding at `layer`. */
export function defaultRefs(layer: LayerId): LayerRefs {
  return CROSSWALK[layer];
}

import { describe, expect, it } from 'vitest';
import {
  ATLAS_IDS,
  ATLAS_TACTIC_IDS,
  CONTROL_IDS,
  CSA_LAYER_NAMES,
  ISO_42001_CONTROL_IDS,
  ISO_42001_IDS,
  ISO_42001_OBJECTIVE_IDS,
  LAYER_IDS,
  NIST_FUNCTION_IDS,
  OWASP_AGENTIC_IDS,
  OWASP_LLM_IDS,
  THREAT_IDS,
} from './ids.js';

const LISTS: ReadonlyArray<readonly [string, readonly (string | number)[]]> = [
  ['LAYER_IDS', LAYER_IDS],
  ['CSA_LAYER_NAMES', CSA_LAYER_NAMES],
  ['CONTROL_IDS', CONTROL_IDS],
  ['THREAT_IDS', THREAT_IDS],
  ['OWASP_LLM_IDS', OWASP_LLM_IDS],
  ['OWASP_AGENTIC_IDS', OWASP_AGENTIC_IDS],
  ['ATLAS_IDS', ATLAS_IDS],
  ['ATLAS_TACTIC_IDS', ATLAS_TACTIC_IDS],
  ['NIST_FUNCTION_IDS', NIST_FUNCTION_IDS],
  ['ISO_42001_IDS', ISO_42001_IDS],
];

describe('id lists', () => {
  it.each(LISTS)('%s has no duplicates', (_name, list) => {
    expect(new Set(list).size).toBe(list.length);
  });

  it('have the sizes of their frameworks', () => {
    expect(LAYER_IDS).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(CSA_LAYER_NAMES).toHaveLength(7);
    expect(CONTROL_IDS).toEqual(Array.from({ length: 23 }, (_, i) => `C${i + 1}`));
    expect(THREAT_IDS).toEqual(Array.from({ length: 7 }, (_, i) => `T${i + 1}`));
    expect(OWASP_LLM_IDS).toEqual(
      Array.from({ length: 10 }, (_, i) => `LLM${String(i + 1).padStart(2, '0')}`),
    );
    expect(OWASP_AGENTIC_IDS).toEqual(Array.from({ length: 15 }, (_, i) => `T${i + 1}`));
    expect(NIST_FUNCTION_IDS).toEqual(['GOVERN', 'MAP', 'MEASURE', 'MANAGE']);
    expect(ISO_42001_OBJECTIVE_IDS).toEqual(['A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7', 'A.8', 'A.9', 'A.10']);
  });

  it('ATLAS ids are well-formed technique and tactic ids', () => {
    for (const id of ATLAS_IDS) expect(id).toMatch(/^AML\.T\d{4}(\.\d{3})?$/);
    for (const id of ATLAS_TACTIC_IDS) expect(id).toMatch(/^AML\.TA\d{4}$/);
  });

  it('keeps the ATLAS techniques maestro relies on', () => {
    for (const id of [
      'AML.T0051',
      'AML.T0051.000',
      'AML.T0051.001',
      'AML.T0051.002',
      'AML.T0053',
      'AML.T0054',
      'AML.T0056',
      'AML.T0057',
      'AML.T0070',
      'AML.T0080',
      'AML.T0086',
      'AML.T0110',
    ]) {
      expect(ATLAS_IDS).toContain(id);
    }
  });

  it('every ISO control sits under one of the nine objectives', () => {
    for (const id of ISO_42001_CONTROL_IDS) {
      const objective = ISO_42001_OBJECTIVE_IDS.find((o) => id.startsWith(`${o}.`));
      expect(objective, id).toBeDefined();
    }
  });
});

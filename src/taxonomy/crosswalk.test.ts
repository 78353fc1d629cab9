import { describe, expect, it } from 'vitest';
import { CROSSWALK, defaultRefs } from './crosswalk.js';
import {
  ATLAS_IDS,
  CONTROL_IDS,
  LAYER_IDS,
  NIST_FUNCTION_IDS,
  OWASP_AGENTIC_IDS,
  OWASP_LLM_IDS,
  THREAT_IDS,
} from './ids.js';
import { REF_KINDS, unknownRefIds } from './lookup.js';

const ENTRIES = LAYER_IDS.map((id) => CROSSWALK[id]);

function cited(pick: (entry: (typeof ENTRIES)[number]) => readonly string[]): Set<string> {
  return new Set(ENTRIES.flatMap((entry) => [...pick(entry)]));
}

describe('CROSSWALK', () => {
  it('has one entry per layer, naming that layer, with every framework field', () => {
    expect(Object.keys(CROSSWALK).map(Number)).toEqual([...LAYER_IDS]);
    for (const id of LAYER_IDS) {
      expect(CROSSWALK[id].layer).toBe(id);
      expect(defaultRefs(id)).toBe(CROSSWALK[id]);
      for (const kind of REF_KINDS) expect(CROSSWALK[id], `${id}.${kind}`).toHaveProperty(kind);
    }
  });

  it('cites only ids the taxonomy knows', () => {
    for (const entry of ENTRIES) expect(unknownRefIds(entry), `layer ${entry.layer}`).toEqual([]);
  });

  it('does not repeat an id within a field', () => {
    for (const entry of ENTRIES) {
      for (const kind of REF_KINDS) {
        if (kind === 'layer') continue;
        const ids: readonly string[] = entry[kind];
        expect(new Set(ids).size, `layer ${entry.layer}.${kind}`).toBe(ids.length);
      }
    }
  });

  it('places every control, reference threat, OWASP id, ATLAS technique and NIST function at some layer', () => {
    expect(cited((e) => e.controls)).toEqual(new Set(CONTROL_IDS));
    expect(cited((e) => e.threats)).toEqual(new Set(THREAT_IDS));
    expect(cited((e) => e.owaspLlm)).toEqual(new Set(OWASP_LLM_IDS));
    expect(cited((e) => e.owaspAgentic)).toEqual(new Set(OWASP_AGENTIC_IDS));
    expect(cited((e) => e.atlas)).toEqual(new Set(ATLAS_IDS));
    expect(cited((e) => e.nist)).toEqual(new Set(NIST_FUNCTION_IDS));
  });

  it('cites the prompt-injection family at the Model layer', () => {
    expect(CROSSWALK[1].owaspLlm).toContain('LLM01');
    expect(CROSSWALK[1].atlas).toContain('AML.T0051');
    expect(CROSSWALK[1].controls).toContain('C2');
  });
});

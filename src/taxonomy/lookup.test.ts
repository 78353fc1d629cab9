import { describe, expect, it } from 'vitest';
import type { Refs } from '../core/index.js';
import * as taxonomy from './index.js';
import { describeRef, isKnownRef, REF_KINDS, unknownRefIds } from './lookup.js';

/** Refs as they might arrive from JSON: the types cannot vouch for them. */
function untrusted(value: object): Refs {
  return value as unknown as Refs;
}

describe('unknownRefIds', () => {
  it('is empty when every id exists', () => {
    const refs: Refs = {
      layer: 1,
      owaspLlm: ['LLM01'],
      owaspAgentic: ['T15'],
      atlas: ['AML.T0051.001'],
      controls: ['C23'],
      threats: ['T7'],
      nist: ['MEASURE'],
      iso: ['A.6', 'A.6.2.8'],
    };
    expect(unknownRefIds(refs)).toEqual([]);
    expect(unknownRefIds({ layer: 7 })).toEqual([]);
  });

  it('reports made-up ids of every kind', () => {
    const refs = untrusted({
      layer: 8,
      owaspLlm: ['LLM01', 'LLM11'],
      owaspAgentic: ['T16'],
      atlas: ['AML.T0051', 'AML.T9999'],
      controls: ['C24', 'C1'],
      threats: ['T8'],
      nist: ['PLAN'],
      iso: ['A.11', 'A.6.2.99'],
    });
    expect(unknownRefIds(refs)).toEqual([
      '8',
      'LLM11',
      'T16',
      'AML.T9999',
      'PLAN',
      'A.11',
      'A.6.2.99',
      'C24',
      'T8',
    ]);
  });

  it('keeps the two T-lists apart: an agentic id is not a reference threat', () => {
    expect(unknownRefIds(untrusted({ layer: 1, threats: ['T12'] }))).toEqual(['T12']);
    expect(unknownRefIds(untrusted({ layer: 1, owaspAgentic: ['T12'] }))).toEqual([]);
  });

  it('does not accept ids of the wrong type or a non-list field', () => {
    expect(unknownRefIds(untrusted({ layer: '1' }))).toEqual(['1']);
    expect(unknownRefIds(untrusted({ layer: 2, controls: 'C99' }))).toEqual(['C99']);
    expect(isKnownRef('layer', 1)).toBe(true);
    expect(isKnownRef('layer', '1')).toBe(false);
  });
});

describe('describeRef', () => {
  it('returns the display name for each kind', () => {
    expect(describeRef('layer', 1)).toBe('Model');
    expect(describeRef('owaspLlm', 'LLM01')).toBe('Prompt Injection');
    expect(describeRef('owaspAgentic', 'T13')).toBe('Rogue Agents in Multi-Agent Systems');
    expect(describeRef('atlas', 'AML.T0051.000')).toBe('LLM Prompt Injection: Direct');
    expect(describeRef('controls', 'C9')).toBe('WORM audit log');
    expect(describeRef('threats', 'T6')).toBe('Gateway bypass');
    expect(describeRef('nist', 'GOVERN')).toBe('Govern');
    expect(describeRef('iso', 'A.6.2.8')).toBe('AI system recording of event logs');
    expect(describeRef('iso', 'A.7')).toBe('Data for AI systems');
  });

  it('has a real name for every id of every kind', () => {
    const lists = {
      layer: taxonomy.LAYER_IDS,
      owaspLlm: taxonomy.OWASP_LLM_IDS,
      owaspAgentic: taxonomy.OWASP_AGENTIC_IDS,
      atlas: taxonomy.ATLAS_IDS,
      nist: taxonomy.NIST_FUNCTION_IDS,
      iso: taxonomy.ISO_42001_IDS,
      controls: taxonomy.CONTROL_IDS,
      threats: taxonomy.THREAT_IDS,
    } as const;
    expect(Object.keys(lists).sort()).toEqual([...REF_KINDS].sort());
    for (const kind of REF_KINDS) {
      for (const id of lists[kind]) {
        const name = describeRef(kind, id as never);
        expect(name, `${kind} ${id}`).not.toBe(String(id));
        expect(name.length).toBeGreaterThan(0);
      }
    }
  });

  it('falls back to the id itself for an id it does not know', () => {
    expect(describeRef('owaspLlm', 'LLM11' as never)).toBe('LLM11');
  });
});

import { describe, expect, it } from 'vitest';
import { unknownRefIds } from '../../taxonomy/index.js';
import { CHECKLIST } from '../checklist.js';
import { RULES } from './index.js';

describe('rule metadata', () => {
  it('has unique ids that name the layer, in layer order', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { meta } of RULES) expect(meta.id).toMatch(new RegExp(`^MAESTRO-L${meta.layer}-\\d{3}$`));
    const layers = RULES.map((r) => r.meta.layer);
    expect([...layers].sort((a, b) => a - b)).toEqual(layers);
  });

  it('cites only ids that exist in the taxonomy, and tests a checklist item of its own layer', () => {
    const items = new Map<string, number>(CHECKLIST.map((c) => [c.id, c.layer]));
    for (const { meta } of RULES) {
      expect(unknownRefIds(meta.refs), meta.id).toEqual([]);
      expect(meta.refs.layer).toBe(meta.layer);
      expect(items.get(meta.checklist), meta.id).toBe(meta.layer);
    }
  });

  it('documents each rule with a description, a mitigation, a threat and a vulnerable and a fixed example', () => {
    for (const { meta } of RULES) {
      expect(meta.description.length, meta.id).toBeGreaterThan(40);
      expect(meta.mitigation.length, meta.id).toBeGreaterThan(20);
      expect(meta.threat.length, meta.id).toBeGreaterThan(3);
      expect(meta.examples.vulnerable, meta.id).not.toBe(meta.examples.fixed);
      expect(meta.examples.fixed.length, meta.id).toBeGreaterThan(0);
    }
  });

  it('cites every framework: OWASP LLM or agentic, MITRE ATLAS, NIST AI RMF and ISO/IEC 42001', () => {
    for (const { meta } of RULES) {
      expect(
        (meta.refs.owaspLlm?.length ?? 0) + (meta.refs.owaspAgentic?.length ?? 0),
        meta.id,
      ).toBeGreaterThan(0);
      expect(meta.refs.nist?.length ?? 0, meta.id).toBeGreaterThan(0);
      expect(meta.refs.iso?.length ?? 0, meta.id).toBeGreaterThan(0);
    }
    // ATLAS describes attacks, not hygiene: these rules have no technique of their own.
    const hygiene = new Set([
      'MAESTRO-L2-003',
      'MAESTRO-L3-002',
      'MAESTRO-L4-001',
      'MAESTRO-L4-003',
      'MAESTRO-L6-003',
      'MAESTRO-L6-007',
    ]);
    for (const { meta } of RULES) {
      if (!hygiene.has(meta.id)) expect(meta.refs.atlas?.length ?? 0, meta.id).toBeGreaterThan(0);
    }
  });

  it('covers all seven layers', () => {
    expect(new Set(RULES.map((r) => r.meta.layer))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
  });
});

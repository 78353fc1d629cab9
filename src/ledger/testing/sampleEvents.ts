import fc from 'fast-check';
import type { RiskEventInput } from '../eventSchema.js';

/** A valid, realistic event for `tenantId`; `n` varies its content. */
export function sampleEvent(tenantId: string, n = 0): RiskEventInput {
  return {
    tenantId,
    type: n % 3 === 0 ? 'injection' : n % 3 === 1 ? 'output_leak' : 'policy_decision',
    lane: n % 2 === 0 ? 'block' : 'confirm',
    severity: 'high',
    detector: `rules.v${n % 4}`,
    preview: `ignore previous instructions #${n} "quoted" \\ back\\slash {brace} ünï 😀`,
    payload: { text: `payload ${n}` },
    attributes: { score: (n % 100) / 100, rule: `r${n % 10}`, nested: { ok: true, list: [1, 'two', null] } },
  };
}

/** Arbitrary valid inputs for property tests (kept small: the store is the subject, not the schema). */
export const riskEventInputArbitrary = (tenantId: string): fc.Arbitrary<RiskEventInput> =>
  fc.record({
    tenantId: fc.constant(tenantId),
    type: fc.constantFrom('injection', 'output_leak', 'approval', 'receipt', 'kill_switch'),
    lane: fc.option(fc.constantFrom('auto', 'confirm', 'block'), { nil: undefined }),
    severity: fc.constantFrom('low', 'medium', 'high', 'critical'),
    detector: fc.constantFrom('rules', 'model.v2', 'dlp'),
    preview: fc.option(fc.string({ maxLength: 120 }), { nil: undefined }),
  }) as fc.Arbitrary<RiskEventInput>;

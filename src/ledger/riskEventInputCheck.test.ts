import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { riskEventInputSchema } from './eventSchema.js';
import { checkedRiskEventInput } from './riskEventInputCheck.js';
import { sampleEvent } from './testing/sampleEvents.js';

// Each field mostly valid (so that many inputs are), sometimes one of the invalid or borderline
// values the fast path must leave to zod.
const mostly = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: invalid, weight: 1 });
const identifier = mostly(
  fc.constantFrom('tenant-a', 'rules.v1', 'ü', 'x'.repeat(128)),
  fc.oneof(
    fc.constantFrom('x'.repeat(129), '', 'a\nb', 'a\u202Eb', '\uD800', 42, null, ['t'], undefined),
    fc.string({ maxLength: 8 }),
  ),
);
const hex = (length: number) =>
  mostly(
    fc.stringMatching(new RegExp(`^[0-9a-fA-F]{${length}}$`)),
    fc.constantFrom('0'.repeat(length), 'g'.repeat(length), 'a'.repeat(length + 1), 7),
  );
const refIds = <T>(valid: readonly T[], invalid: readonly unknown[]) =>
  fc.array(mostly(fc.constantFrom(...valid), fc.constantFrom(...invalid)), { maxLength: 3 });
const refs = mostly(
  fc.record(
    {
      layers: refIds([1, 4, 7], [0, 8, '1', 1.5]),
      owaspLlm: refIds(['LLM01', 'LLM10'], ['LLM11', 'llm01']),
      atlas: refIds(['AML.T0051'], ['AML.T9999']),
      controls: mostly(refIds(['C1', 'C20'], ['C99']), fc.constantFrom('C1', Array(33).fill('C1'))),
      nist: refIds(['GOVERN', 'MAP'], ['govern']),
      iso: fc.constant(undefined),
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom(null, [], 'LLM01', { bogus: ['x'] }),
);
const actor = mostly(
  fc.record(
    { principal: fc.string({ minLength: 1, maxLength: 6 }), keyId: identifier },
    { requiredKeys: ['principal'] },
  ),
  fc.constantFrom(null, 'user', { principal: '' }, { principal: 7 }, { principal: 'u', extra: 1 }),
);
const time = mostly(
  fc.date({ noInvalidDate: true }),
  fc.constantFrom(
    new Date(Number.NaN),
    '2025-01-01T00:00:00Z',
    '2025-01-01T00:00:00.000+02:00',
    'yesterday',
    1_700_000_000_000,
  ),
);
const input = fc
  .record(
    {
      tenantId: identifier,
      type: mostly(fc.constantFrom('injection', 'receipt', 'kill_switch'), fc.constantFrom('nope', 3)),
      lane: mostly(fc.constantFrom('auto', 'confirm', 'block', undefined), fc.constantFrom('none', 1)),
      severity: mostly(fc.constantFrom('info', 'critical'), fc.constantFrom('severe', undefined)),
      detector: identifier,
      refs,
      actor,
      preview: mostly(fc.string({ maxLength: 20 }), fc.constantFrom(5, null)),
      payload: fc.oneof(fc.jsonValue(), fc.constant(undefined)),
      payloadHash: hex(64),
      attributes: fc.oneof(fc.jsonValue(), fc.constant(undefined)),
      traceId: hex(32),
      spanId: hex(16),
      time,
      unknownKey: fc.constant('x'),
    },
    { requiredKeys: [] },
  )
  .map((value) => {
    // Mostly drop the surplus key and the payload/payloadHash clash, so that valid inputs are common.
    const { unknownKey, payloadHash, ...rest } = value;
    const keepSurplus = typeof value.tenantId === 'string' && value.tenantId.length === 128;
    const keepHash = rest.payload === undefined || rest.preview === '';
    return {
      ...rest,
      ...(keepSurplus && unknownKey !== undefined ? { unknownKey } : {}),
      ...(keepHash && payloadHash !== undefined ? { payloadHash } : {}),
    };
  });

describe('checkedRiskEventInput', () => {
  it('accepts only what riskEventInputSchema accepts, and returns what it returns', () => {
    let accepted = 0;
    fc.assert(
      fc.property(input, (value) => {
        const fast = checkedRiskEventInput(value);
        const zod = riskEventInputSchema.safeParse(value);
        if (!zod.success) expect(fast).toBeUndefined();
        if (fast !== undefined) {
          accepted++;
          expect(zod.success).toBe(true);
          expect(fast).toEqual(zod.data);
        }
      }),
      { numRuns: 3000 },
    );
    // The property says nothing if the fast path never answers.
    expect(accepted).toBeGreaterThan(10);
  });

  it('answers for the everyday event, so zod is not on the hot path', () => {
    const event = sampleEvent('tenant-a', 1);
    const traced = { ...event, traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), time: new Date() };
    const withRefs = { ...event, refs: { layers: [1], owaspLlm: ['LLM01'] }, actor: { principal: 'u' } };
    for (const value of [event, traced, withRefs]) {
      expect(checkedRiskEventInput(value)).toEqual(riskEventInputSchema.parse(value));
    }
  });

  it('leaves to zod whatever it is not sure of', () => {
    const event = sampleEvent('tenant-a', 1);
    expect(checkedRiskEventInput({ ...event, time: '2025-01-01T00:00:00Z' })).toBeUndefined();
    expect(checkedRiskEventInput(Object.assign(Object.create({ inherited: 1 }), event))).toBeUndefined();
    expect(checkedRiskEventInput({ ...event, surplus: true })).toBeUndefined();
    expect(checkedRiskEventInput({ ...event, spanId: 'b'.repeat(16) })).toBeUndefined();
  });
});

import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { describe, expect, it, vi } from 'vitest';
import { createPolicyEngine } from './policyEngine.js';
import { readRequest, TEST_SCHEMA } from './testing/testPolicySet.js';

vi.mock('@cedar-policy/cedar-wasm/nodejs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@cedar-policy/cedar-wasm/nodejs')>();
  return { ...actual, statefulIsAuthorized: vi.fn(actual.statefulIsAuthorized) };
});

const allowAll = () =>
  createPolicyEngine({ policies: '@id("all") permit(principal, action, resource);', schema: TEST_SCHEMA });

describe('fail closed when Cedar itself fails', () => {
  it('denies, lane block, when the engine throws, without its message', () => {
    const engine = allowAll();
    expect(engine.decide(readRequest()).decision).toBe('allow');
    vi.mocked(cedar.statefulIsAuthorized).mockImplementationOnce(() => {
      throw Object.assign(new Error('unreachable executed near password=hunter2'), { name: 'RuntimeError' });
    });
    const decision = engine.decide(readRequest());
    expect(decision).toEqual({
      decision: 'deny',
      lane: 'block',
      policies: [],
      errors: ['ERR_POLICY_EVALUATION: engine exception (RuntimeError)'],
    });
    expect(engine.decide(readRequest()).decision).toBe('allow');
  });

  it('denies when Cedar answers with a failure', () => {
    const engine = allowAll();
    vi.mocked(cedar.statefulIsAuthorized).mockImplementationOnce(() => ({
      type: 'failure',
      errors: [
        {
          message: 'preparsed policy set `x` not found',
          help: null,
          code: null,
          url: null,
          severity: null,
        },
      ],
      warnings: [],
    }));
    expect(engine.decide(readRequest())).toMatchObject({ decision: 'deny', lane: 'block' });
  });

  it('denies when Cedar names a determining policy the engine does not know', () => {
    const engine = allowAll();
    vi.mocked(cedar.statefulIsAuthorized).mockImplementationOnce(() => ({
      type: 'success',
      response: { decision: 'allow', diagnostics: { reason: ['ghost'], errors: [] } },
      warnings: [],
    }));
    const decision = engine.decide(readRequest());
    expect(decision).toMatchObject({ decision: 'deny', lane: 'block' });
    expect(decision.errors[0]).toContain('"ghost" is not in the set');
  });
});

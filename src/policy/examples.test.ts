import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkPolicySet } from './checkPolicySet.js';
import { loadPolicyEngine } from './loadPolicyEngine.js';
import { loadPolicySet } from './loadPolicySet.js';
import { parsePolicyCases } from './policyCases.js';
import { runPolicyCases } from './runPolicyCases.js';

const DIR = fileURLToPath(new URL('../../examples/policies', import.meta.url));

describe('the example policy set (examples/policies)', () => {
  it('is valid without warnings and covers every effect', () => {
    const sources = loadPolicySet({ dir: DIR });
    const check = checkPolicySet({ policies: sources.policies, schema: sources.schemas });
    expect(check.problems).toEqual([]);
    expect(check.valid).toBe(true);
    const engine = loadPolicyEngine({ dir: DIR });
    const effects = new Set(engine.tools.flatMap((tool) => tool.effects));
    expect([...effects].sort()).toEqual(['destructive', 'external', 'financial', 'read', 'write']);
  });

  it('passes its own cases, which reach every lane', () => {
    const engine = loadPolicyEngine({ dir: DIR });
    const cases = parsePolicyCases(readFileSync(`${DIR}/cases.yaml`, 'utf8'), 'cases.yaml');
    const results = runPolicyCases(engine, cases);
    expect(results.filter((r) => !r.passed)).toEqual([]);
    const lanes = new Set(results.map((r) => `${r.decision.decision}/${r.decision.lane}`));
    expect(lanes).toEqual(new Set(['allow/auto', 'allow/confirm', 'deny/block']));
  });
});

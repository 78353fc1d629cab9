import { describe, expect, it } from 'vitest';
import type { PolicyCaseResult } from '../../policy/index.js';
import { caseJson, caseText, checkText, summaryText } from './formatPolicyOutput.js';

const failed: PolicyCaseResult = {
  name: 'pay',
  passed: false,
  decision: { decision: 'deny', lane: 'block', policies: ['limit'], errors: [] },
  mismatches: ['expected allow, got deny (policies: limit)'],
};

describe('policy command output', () => {
  it('prints cases for people and as JSON lines', () => {
    expect(caseText(failed)).toBe(
      'FAIL  pay  deny/block  limit\n      expected allow, got deny (policies: limit)',
    );
    expect(JSON.parse(caseJson(failed))).toEqual({
      name: 'pay',
      passed: false,
      decision: 'deny',
      lane: 'block',
      policies: ['limit'],
      errors: [],
      mismatches: ['expected allow, got deny (policies: limit)'],
    });
    expect(summaryText([failed, { ...failed, passed: true }])).toBe('2 cases: 1 passed, 1 failed');
  });

  it('prints problems as paths under the directory, base-schema problems as they are', () => {
    const text = checkText('policies', {
      valid: false,
      problems: [
        { severity: 'error', message: 'bad', file: 'a.cedar', line: 2, column: 3, policyId: 'a.cedar#1' },
        { severity: 'warning', message: 'odd', file: '<maestro base schema>', line: 1, column: 1 },
      ],
      policies: 0,
      tools: [],
      fingerprint: undefined,
    });
    expect(text.split('\n')).toEqual([
      'policies/a.cedar:2:3: error: bad [policy a.cedar#1]',
      '<maestro base schema>:1:1: warning: odd',
      'policies: not valid: 1 error, 1 warning',
    ]);
  });
});

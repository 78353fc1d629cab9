import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/index.js';
import { parsePolicyCases } from './policyCases.js';
import { createPolicyEngine } from './policyEngine.js';
import { mergeDefaults, runPolicyCases } from './runPolicyCases.js';
import { TEST_SCHEMA } from './testing/testPolicySet.js';

const engine = createPolicyEngine({
  policies: `
    @id("reads") permit(principal, action in Maestro::Action::"effect:read", resource);
    @id("writes") @lane("confirm") permit(principal, action in Maestro::Action::"effect:write", resource);
  `,
  schema: TEST_SCHEMA,
});

const FILE = `
defaults:
  tenant: acme
  time: "2025-03-04T10:00:00Z"
  principal: { kind: agent, id: a1, tenant: acme, claims: { roles: [support] } }
  resource: { type: Doc, id: d1, tenant: acme }
cases:
  - name: read
    request: { tool: doc.read }
    expect: { decision: allow, lane: auto, policies: [reads] }
  - name: write with a wrong lane
    request: { tool: doc.write, args: { count: 1 } }
    expect: { decision: allow, lane: auto }
  - name: delete
    request: { tool: doc.delete, principal: { claims: { admin: true } } }
    expect: { decision: allow }
  - name: a malformed request does not pass as a deny
    request: { tool: doc.write }
    expect: { decision: deny }
  - name: unless it says so
    request: { tool: doc.write }
    expect: { decision: deny, errors: true }
`;

describe('policy test cases', () => {
  it('runs each case over the defaults and says why one fails', () => {
    const results = runPolicyCases(engine, parsePolicyCases(FILE, 'cases.yaml'));
    expect(results.map((r) => [r.name, r.passed])).toEqual([
      ['read', true],
      ['write with a wrong lane', false],
      ['delete', false],
      ['a malformed request does not pass as a deny', false],
      ['unless it says so', true],
    ]);
    expect(results[1]?.mismatches).toEqual(['expected lane auto, got confirm (policies: writes)']);
    expect(results[2]?.mismatches).toEqual(['expected allow, got deny (policies: (none))']);
    expect(results[3]?.mismatches[0]).toMatch(
      /^the decision failed closed: ERR_POLICY_EVALUATION: request: context\.args/,
    );
  });

  it('merges objects deeply and replaces everything else', () => {
    expect(mergeDefaults({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, e: 2 })).toEqual({
      a: { b: 1, c: [3] },
      d: 1,
      e: 2,
    });
  });

  it('refuses a malformed file with the line or the field', () => {
    const bad = (text: string) => {
      try {
        parsePolicyCases(text, 'c.yaml');
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError);
        return (error as Error).message;
      }
      throw new Error('parsed');
    };
    expect(bad('cases:\n  - name: x\n    request: {\n')).toMatch(/^c\.yaml:\d+: not valid YAML/);
    expect(bad('cases: []')).toMatch(/^c\.yaml: cases: /);
    expect(bad('cases:\n  - name: x\n    request: {}\n    expect: { decision: maybe }\n')).toMatch(
      /^c\.yaml: cases\.0\.expect\.decision: /,
    );
    expect(
      bad('cases:\n  - name: x\n    request: {}\n    expect: { decision: allow }\n    extra: 1\n'),
    ).toMatch(/^c\.yaml: cases\.0: /);
  });
});

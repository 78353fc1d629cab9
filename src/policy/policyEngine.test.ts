import { describe, expect, it } from 'vitest';
import { createPolicyEngine } from './policyEngine.js';
import { readRequest, TEST_NOW_MS, TEST_SCHEMA, testAgent, writeRequest } from './testing/testPolicySet.js';

function engine(policies: string) {
  return createPolicyEngine({ policies, schema: TEST_SCHEMA, clock: () => TEST_NOW_MS });
}

describe('decisions', () => {
  it('denies by default: no policy, no permit', () => {
    expect(engine('').decide(readRequest())).toEqual({
      decision: 'deny',
      lane: 'block',
      policies: [],
      errors: [],
    });
    const onlyWrites = engine('permit(principal, action in Maestro::Action::"effect:write", resource);');
    expect(onlyWrites.decide(readRequest()).decision).toBe('deny');
  });

  it('allows with the lane of the permit, auto when it has none', () => {
    const e = engine(`
      @id("reads") permit(principal, action in Maestro::Action::"effect:read", resource);
      @id("writes") @lane("confirm") permit(principal, action in Maestro::Action::"effect:write", resource);
      @id("deletes") @lane("block") permit(principal, action == Maestro::Action::"tool:doc.delete", resource);
    `);
    expect(e.decide(readRequest())).toEqual({
      decision: 'allow',
      lane: 'auto',
      policies: ['reads'],
      errors: [],
    });
    expect(e.decide(writeRequest(1))).toMatchObject({
      decision: 'allow',
      lane: 'confirm',
      policies: ['writes'],
    });
    expect(e.decide(readRequest({ tool: 'doc.delete' }))).toMatchObject({ decision: 'allow', lane: 'block' });
  });

  it('takes the strictest lane among the permits that matched', () => {
    const e = engine(`
      @id("a") @lane("auto") permit(principal, action, resource);
      @id("c") @lane("confirm") permit(principal, action == Maestro::Action::"tool:doc.write", resource)
        when { context.args.count > 10 };
      @id("b") @lane("block") permit(principal, action == Maestro::Action::"tool:doc.write", resource)
        when { context.args.count > 100 };
    `);
    expect(e.decide(writeRequest(5))).toMatchObject({ lane: 'auto', policies: ['a'] });
    expect(e.decide(writeRequest(50))).toMatchObject({ lane: 'confirm', policies: ['a', 'c'] });
    expect(e.decide(writeRequest(500))).toMatchObject({
      decision: 'allow',
      lane: 'block',
      policies: ['a', 'b', 'c'],
    });
  });

  it('lets a forbid override every permit', () => {
    const e = engine(`
      @id("all") @lane("auto") permit(principal, action, resource);
      @id("no-big-writes") forbid(principal, action == Maestro::Action::"tool:doc.write", resource)
        when { context.args.count > 10 };
    `);
    expect(e.decide(writeRequest(3)).decision).toBe('allow');
    expect(e.decide(writeRequest(30))).toEqual({
      decision: 'deny',
      lane: 'block',
      policies: ['no-big-writes'],
      errors: [],
    });
  });

  it('escalations raise the lane of an allowed request and never grant', () => {
    const e = engine(`
      @id("reads") permit(principal, action in Maestro::Action::"effect:read", resource);
      @id("risky") @escalate("confirm") permit(principal, action, resource)
        when { context.riskPercent > 50 };
      @id("scan") @escalate("block") permit(principal, action, resource) when { context.scanLane == "block" };
    `);
    expect(e.decide(readRequest({ riskScore: 0.2 })).lane).toBe('auto');
    // Percent rounded up: above 0.5 is above 50, at 4 decimal places like a Cedar decimal.
    expect(e.decide(readRequest({ riskScore: 0.5 })).lane).toBe('auto');
    expect(e.decide(readRequest({ riskScore: 0.5001 })).lane).toBe('confirm');
    expect(e.decide(readRequest({ riskScore: 0.50004 })).lane).toBe('auto');
    expect(e.decide(readRequest({ riskScore: 0.7 }))).toMatchObject({
      decision: 'allow',
      lane: 'confirm',
      policies: ['reads', 'risky'],
    });
    expect(e.decide(readRequest({ riskScore: 0.7, scanLane: 'block' })).lane).toBe('block');
    // Nothing permits a delete: a matching escalation does not make it allowed.
    expect(e.decide(readRequest({ tool: 'doc.delete', riskScore: 0.9 }))).toEqual({
      decision: 'deny',
      lane: 'block',
      policies: [],
      errors: [],
    });
  });

  it('denies cross-tenant requests with tenant rules', () => {
    const e = engine(`
      @id("same-tenant") permit(principal, action, resource) when { principal.tenant == context.tenant };
      @id("resource-tenant") forbid(principal, action, resource)
        when { resource has tenant && resource.tenant != context.tenant };
    `);
    expect(e.decide(readRequest()).decision).toBe('allow');
    expect(e.decide(readRequest({ resource: { type: 'Doc', id: 'd', tenant: 'globex' } }))).toMatchObject({
      decision: 'deny',
      policies: ['resource-tenant'],
    });
    expect(e.decide(readRequest({ principal: testAgent({ tenant: 'globex' }) })).decision).toBe('deny');
    expect(e.decide(readRequest({ tenant: 'globex' })).decision).toBe('deny');
  });

  it('reads claims, users and group membership (parents)', () => {
    const e = engine(`
      @id("admins") permit(principal, action, resource) when { principal.claims has admin && principal.claims.admin };
      @id("finance-folder") permit(principal is Maestro::User, action, resource in Maestro::Folder::"finance");
    `);
    expect(e.decide(readRequest()).decision).toBe('deny');
    expect(
      e.decide(readRequest({ principal: testAgent({ claims: { admin: true, unknown: 'dropped' } }) }))
        .decision,
    ).toBe('allow');
    const user = { kind: 'user', id: 'alice', tenant: 'acme' } as const;
    const inFinance = { type: 'Doc', id: 'd', tenant: 'acme', parents: [{ type: 'Folder', id: 'finance' }] };
    expect(e.decide(readRequest({ principal: user, resource: inFinance }))).toMatchObject({
      decision: 'allow',
      policies: ['finance-folder'],
    });
    expect(e.decide(readRequest({ principal: testAgent(), resource: inFinance })).decision).toBe('deny');
  });

  it('puts the request time in context.time (epoch seconds) from a Date, ISO text, seconds or the clock', () => {
    const at = TEST_NOW_MS / 1000;
    const e = engine(`permit(principal, action, resource) when { context.time == ${at} };`);
    expect(e.decide(readRequest()).decision).toBe('allow');
    expect(e.decide(readRequest({ time: new Date(TEST_NOW_MS) })).decision).toBe('allow');
    expect(e.decide(readRequest({ time: '2025-03-04T10:00:00Z' })).decision).toBe('allow');
    expect(e.decide(readRequest({ time: at })).decision).toBe('allow');
    expect(e.decide(readRequest({ time: at + 1 })).decision).toBe('deny');
  });
});

describe('fail closed', () => {
  it('denies with ERR_POLICY_EVALUATION when a policy errs, even if another permits', () => {
    const e = engine(`
      @id("all") permit(principal, action, resource);
      @id("overflow") @lane("confirm")
      permit(principal, action in [Maestro::Action::"tool:doc.write", Maestro::Action::"tool:pay"], resource)
        when { context.args.count * 4611686018427387904 > 0 };
    `);
    expect(e.decide(writeRequest(1)).decision).toBe('allow');
    const failed = e.decide(writeRequest(3));
    expect(failed).toMatchObject({ decision: 'deny', lane: 'block', policies: ['overflow'] });
    expect(failed.errors).toHaveLength(1);
    expect(failed.errors[0]).toMatch(/^ERR_POLICY_EVALUATION: policy "overflow": integer overflow/);
    // Cedar quotes the operands; the decision does not carry request values.
    expect(failed.errors[0]).not.toContain('`3`');
  });

  it('denies when a policy reads an attribute of an entity the request did not supply', () => {
    const e = engine(`
      @id("all") permit(principal, action, resource);
      @id("owner-tenant") forbid(principal, action, resource)
        when { resource has owner && resource.owner.tenant != context.tenant };
    `);
    const owned = { type: 'Doc', id: 'd', tenant: 'acme', attributes: { owner: 'bob-secret-id' } };
    const missing = e.decide(readRequest({ resource: owned }));
    expect(missing).toMatchObject({ decision: 'deny', lane: 'block', policies: ['owner-tenant'] });
    expect(missing.errors[0]).toContain('Maestro::User::"…"');
    expect(missing.errors.join()).not.toContain('bob-secret-id');
    const supplied = e.decide(
      readRequest({
        resource: owned,
        entities: [{ type: 'User', id: 'bob-secret-id', attributes: { tenant: 'acme', claims: {} } }],
      }),
    );
    expect(supplied).toMatchObject({ decision: 'allow', errors: [] });
  });

  it('denies requests that do not fit the schema, naming the field and never the value', () => {
    const e = engine('permit(principal, action, resource);');
    const cases: Array<[Parameters<typeof e.decide>[0], RegExp]> = [
      [readRequest({ tool: 'rm -rf' }), /tool is not a tool declared/],
      [writeRequest(1.5), /context\.args\.count must be a whole number/],
      [readRequest({ tool: 'doc.write', args: {} }), /context\.args\.count is required/],
      [readRequest({ riskScore: 2 }), /riskScore must be a number from 0 to 1/],
      [readRequest({ scanLane: 'maybe' as 'auto' }), /scanLane must be one of/],
      [readRequest({ time: 'yesterday' }), /time must be/],
      [readRequest({ time: TEST_NOW_MS }), /time must be .* epoch seconds/],
      [readRequest({ resource: { type: 'Secret', id: 's' } }), /resource\.type is not an entity type/],
      [readRequest({ resource: undefined }), /resource\.type is not a resource type of this tool/],
      [
        readRequest({ principal: testAgent({ claims: { admin: 'yes' } }) }),
        /principal\.claims\.admin must be true or false/,
      ],
      [
        writeRequest(1, { args: { count: 1, note: 'x'.repeat(70_000) } }),
        /context\.args\.note must be at most/,
      ],
    ];
    for (const [request, message] of cases) {
      const decision = e.decide(request);
      expect(decision.decision).toBe('deny');
      expect(decision.lane).toBe('block');
      expect(decision.errors.join('\n')).toMatch(message);
      expect(decision.errors.join('\n')).not.toContain('xxxx');
    }
  });

  it('never throws, whatever it is given', () => {
    const e = engine('permit(principal, action, resource);');
    for (const junk of [
      null,
      undefined,
      42,
      'read',
      [],
      { tool: 'doc.read' },
      { principal: 'x', tool: 'doc.read' },
    ]) {
      expect(e.decide(junk as never)).toMatchObject({ decision: 'deny', lane: 'block' });
    }
  });
});

describe('the engine as an object', () => {
  it('describes its policies and tools for the executor and the registry', () => {
    const e = engine(`
      // a comment
      @id("writes") @lane("confirm") @reason("writes need a person")
      permit(principal, action in Maestro::Action::"effect:write", resource);
      permit(principal, action == Maestro::Action::"tool:pay", resource);
    `);
    expect(e.policy('writes')).toMatchObject({
      file: 'policies.cedar',
      line: 3,
      effect: 'permit',
      lane: 'confirm',
      annotations: { id: 'writes', lane: 'confirm', reason: 'writes need a person' },
      actions: ['Maestro::Action::"effect:write"'],
    });
    expect(e.policy('policies.cedar#2')).toMatchObject({ line: 5, actions: ['Maestro::Action::"tool:pay"'] });
    expect(e.tool('pay')).toMatchObject({
      action: 'Maestro::Action::"tool:pay"',
      effects: ['financial', 'external'],
      policies: ['policies.cedar#2'],
    });
    expect(e.tool('doc.write')?.policies).toEqual(['writes']);
    expect(e.tools.map((tool) => tool.name).sort()).toEqual(['doc.delete', 'doc.read', 'doc.write', 'pay']);
  });

  it('has a fingerprint that changes with any policy or schema change and not otherwise', () => {
    const text = '@id("a") permit(principal, action, resource);';
    const a = engine(text);
    expect(a.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(engine(text).fingerprint).toBe(a.fingerprint);
    expect(engine('@id("a") permit(principal, action, resource) when { true };').fingerprint).not.toBe(
      a.fingerprint,
    );
    const otherSchema = createPolicyEngine({
      policies: text,
      schema: `${TEST_SCHEMA}\n namespace Extra { entity X; }`,
    });
    expect(otherSchema.fingerprint).not.toBe(a.fingerprint);
  });

  it('engines are independent: two sets in one process do not see each other', () => {
    const allowAll = engine('permit(principal, action, resource);');
    const denyAll = engine('forbid(principal, action, resource);');
    expect(allowAll.decide(readRequest()).decision).toBe('allow');
    expect(denyAll.decide(readRequest()).decision).toBe('deny');
    expect(allowAll.decide(readRequest()).decision).toBe('allow');
  });
});

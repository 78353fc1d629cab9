import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicySet } from './compilePolicySet.js';
import { createPolicyEngine, engineFromCompiled } from './policyEngine.js';
import type { PolicyRequest } from './request.js';

/** Tools in effect groups and in a two-level hierarchy of groups of their own; one context type for all. */
const SCHEMA = `namespace Maestro {
  entity Doc { tenant: String, owner?: User };
  type C = { tenant: String, riskPercent: Long, riskScore: decimal, scanLane: String, time: Long, args: { n: Long } };
  action "group:all";
  action "group:data" in [Action::"group:all"];
  action "group:money" in [Action::"group:all"];
  action "tool:a" in [Action::"effect:read", Action::"group:data"]
    appliesTo { principal: [Agent, User], resource: [Doc, Tool], context: C };
  action "tool:b" in [Action::"effect:write", Action::"group:data"]
    appliesTo { principal: [Agent, User], resource: [Doc, Tool], context: C };
  action "tool:c" in [Action::"effect:financial", Action::"group:money"]
    appliesTo { principal: [Agent, User], resource: [Doc, Tool], context: C };
  action "tool:d" in [Action::"effect:destructive"]
    appliesTo { principal: [Agent, User], resource: [Doc, Tool], context: C };
  action "tool:e" in [Action::"effect:read", Action::"effect:external", Action::"group:money"]
    appliesTo { principal: [Agent, User], resource: [Doc, Tool], context: C };
}`;

const TOOLS = ['a', 'b', 'c', 'd', 'e'];
const ACTIONS = [
  ...TOOLS.map((t) => `tool:${t}`),
  'group:all',
  'group:data',
  'group:money',
  'effect:read',
  'effect:write',
  'effect:financial',
  'effect:destructive',
  'effect:external',
];
const action = (id: string) => `Maestro::Action::"${id}"`;

const CONDITIONS = [
  'context.args.n > 1',
  'context.args.n == 0',
  'context.riskScore.greaterThan(decimal("0.5"))',
  'context.riskPercent > 70',
  'context.scanLane == "confirm"',
  'principal.tenant == context.tenant',
  'principal.claims has admin && principal.claims.admin',
  // Errs for n >= 2 (64-bit overflow).
  'context.args.n * 4611686018427387904 > 0',
  // Errs when the request names an owner but does not supply that user entity.
  'resource is Maestro::Doc && resource has owner && resource.owner.tenant == "acme"',
];

const actionScope = fc.oneof(
  fc.constant('action'),
  fc.constantFrom(...ACTIONS).map((a) => `action == ${action(a)}`),
  fc.constantFrom(...ACTIONS).map((a) => `action in ${action(a)}`),
  fc
    .uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 3 })
    .map((list) => `action in [${list.map(action).join(', ')}]`),
);

const policy = fc.record({
  effect: fc.constantFrom('permit', 'forbid'),
  annotation: fc.constantFrom(
    '',
    '@lane("auto")',
    '@lane("confirm")',
    '@lane("block")',
    '@escalate("confirm")',
    '@escalate("block")',
  ),
  principal: fc.constantFrom('principal', 'principal is Maestro::User', 'principal == Maestro::Agent::"a1"'),
  action: actionScope,
  resource: fc.constantFrom('resource', 'resource is Maestro::Doc', 'resource is Maestro::Tool'),
  conditions: fc.uniqueArray(fc.constantFrom(...CONDITIONS), { maxLength: 2 }),
  unless: fc.boolean(),
});

type GeneratedPolicy = typeof policy extends fc.Arbitrary<infer T> ? T : never;

function policyText(p: GeneratedPolicy, index: number): string {
  const annotation = p.effect === 'permit' ? p.annotation : '';
  const body =
    p.conditions.length === 0 ? '' : ` ${p.unless ? 'unless' : 'when'} { ${p.conditions.join(' && ')} }`;
  return `@id("p${index}") ${annotation}\n${p.effect}(${p.principal}, ${p.action}, ${p.resource})${body};`;
}

const request: fc.Arbitrary<PolicyRequest> = fc
  .record({
    tool: fc.constantFrom(...TOOLS, 'unknown'),
    kind: fc.constantFrom('agent', 'user'),
    id: fc.constantFrom('a1', 'a2'),
    principalTenant: fc.constantFrom('acme', 'globex'),
    tenant: fc.constantFrom('acme', 'globex'),
    admin: fc.option(fc.boolean(), { nil: undefined }),
    n: fc.integer({ min: 0, max: 3 }),
    riskScore: fc.double({ min: 0, max: 1, noNaN: true }),
    scanLane: fc.constantFrom('auto', 'confirm', 'block'),
    resource: fc.constantFrom('tool', 'doc', 'owned-doc'),
  })
  .map((r) => ({
    principal: {
      kind: r.kind as 'agent' | 'user',
      id: r.id,
      tenant: r.principalTenant,
      claims: r.admin === undefined ? {} : { admin: r.admin },
    },
    tool: r.tool,
    tenant: r.tenant,
    args: { n: r.n },
    riskScore: r.riskScore,
    scanLane: r.scanLane as 'auto' | 'confirm' | 'block',
    time: 1_741_082_400,
    ...(r.resource === 'tool'
      ? {}
      : {
          resource: {
            type: 'Doc',
            id: 'd1',
            tenant: 'acme',
            ...(r.resource === 'owned-doc' ? { attributes: { owner: 'u9' } } : {}),
          },
        }),
  }));

describe('slicing the set per tool', () => {
  it('decides exactly as the whole set does (and as Cedar-validated requests do), for random sets and requests', () => {
    let allowed = 0;
    let failed = 0;
    fc.assert(
      fc.property(
        fc.array(policy, { maxLength: 12 }),
        fc.array(request, { minLength: 1, maxLength: 12 }),
        (policies, requests) => {
          const text = policies.map(policyText).join('\n');
          const { compiled, problems } = compilePolicySet({ policies: text, schema: SCHEMA });
          if (compiled === undefined) throw new Error(problems.map((p) => p.message).join('\n'));
          const sliced = engineFromCompiled(compiled);
          const whole = engineFromCompiled(compiled, { slicing: false });
          for (const r of requests) {
            const decision = sliced.decide(r);
            expect(decision).toEqual(whole.decide(r));
            if (decision.decision === 'allow') allowed++;
            if (decision.errors.length > 0) failed++;
          }
        },
      ),
      { numRuns: 120 },
    );
    // The generators reach allows and evaluation errors, not only default denies.
    expect(allowed).toBeGreaterThan(10);
    expect(failed).toBeGreaterThan(10);
  });

  it('puts a policy only in the slices of the tools its scope can reach, and forbids in all of them', () => {
    const engine = createPolicyEngine({
      schema: SCHEMA,
      policies: `
        @id("any") forbid(principal, action, resource) when { context.scanLane == "block" };
        @id("only-a") permit(principal, action == Maestro::Action::"tool:a", resource);
        @id("data") forbid(principal, action in Maestro::Action::"group:data", resource) when { context.args.n > 2 };
        @id("all-groups") forbid(principal, action in Maestro::Action::"group:all", resource) when { context.args.n > 3 };
        @id("reads") permit(principal, action in Maestro::Action::"effect:read", resource);
        @id("list") permit(principal, action in [Maestro::Action::"tool:d", Maestro::Action::"group:money"], resource);
      `,
    });
    const slice = (tool: string) => engine.tool(tool)?.policies;
    expect(slice('a')).toEqual(['any', 'only-a', 'data', 'all-groups', 'reads']);
    expect(slice('b')).toEqual(['any', 'data', 'all-groups']);
    expect(slice('c')).toEqual(['any', 'all-groups', 'list']);
    expect(slice('d')).toEqual(['any', 'list']);
    expect(slice('e')).toEqual(['any', 'all-groups', 'reads', 'list']);
  });
});

import { describe, expect, it } from 'vitest';
import { entityIdProblem } from './entityIds.js';
import { createPolicyEngine } from './policyEngine.js';
import type { PolicyRequest } from './request.js';
import { readRequest, TEST_NOW_MS, TEST_SCHEMA, testAgent } from './testing/testPolicySet.js';

// Only the admin agent and one document are allowed; everything below tries to reach them
// with strings an attacker (or a model) controls.
const engine = createPolicyEngine({
  policies: `
    @id("admin-agent") permit(principal == Maestro::Agent::"admin", action, resource);
    @id("public-doc") permit(principal, action, resource == Maestro::Doc::"public");
    @id("tenant") forbid(principal, action, resource) when { principal.tenant != context.tenant };
  `,
  schema: TEST_SCHEMA,
  clock: () => TEST_NOW_MS,
});

const allowed = (request: PolicyRequest) => engine.decide(request).decision === 'allow';

describe('entity-id injection cannot widen access', () => {
  it('the real principal and resource are allowed (the policies work)', () => {
    expect(allowed(readRequest({ principal: testAgent({ id: 'admin' }) }))).toBe(true);
    expect(allowed(readRequest({ resource: { type: 'Doc', id: 'public', tenant: 'acme' } }))).toBe(true);
  });

  it('quotes, `::` and Cedar syntax in ids are data that match only themselves', () => {
    const ids = [
      'admin"',
      '"admin"',
      'x" || principal == Maestro::Agent::"admin',
      'Maestro::Agent::"admin"',
      'admin::x',
      'admin\\',
      ' admin',
      'ADMIN',
      'аdmin', // Cyrillic а
      'admin ',
    ];
    for (const id of ids) {
      expect(allowed(readRequest({ principal: testAgent({ id }) })), id).toBe(false);
      expect(
        allowed(
          readRequest({ resource: { type: 'Doc', id: id.replace('admin', 'public'), tenant: 'acme' } }),
        ),
        id,
      ).toBe(false);
    }
  });

  it('line breaks, controls, bidi and zero-width characters in ids are refused outright', () => {
    for (const id of [
      'admin\n',
      'admin\r\nx',
      'ad\u0000min',
      'admin\u2028',
      '\u202eadmin',
      'ad\u200bmin',
      '\ufeffadmin',
      'a\ud800',
    ]) {
      expect(entityIdProblem(id), JSON.stringify(id)).toBeDefined();
      const decision = engine.decide(readRequest({ principal: testAgent({ id }) }));
      expect(decision).toMatchObject({ decision: 'deny', lane: 'block' });
      expect(decision.errors[0]).toMatch(/^ERR_POLICY_EVALUATION: request: principal\.id must/);
    }
    expect(engine.decide(readRequest({ principal: testAgent({ id: 'x'.repeat(513) }) })).decision).toBe(
      'deny',
    );
    expect(engine.decide(readRequest({ tenant: 'acme\n' })).decision).toBe('deny');
  });

  it('types cannot be chosen to reach another namespace or type', () => {
    // The principal type comes from `kind`, not from a string the caller can bend.
    const asType = { type: 'Maestro::Agent', id: 'admin', tenant: 'acme' } as const;
    expect(allowed(readRequest({ principal: asType }))).toBe(true);
    for (const type of [
      'Maestro::Agent ',
      'maestro::Agent',
      'Maestro::Agent::"admin"',
      'Agent::Maestro',
      '',
    ]) {
      expect(allowed(readRequest({ principal: { type, id: 'admin', tenant: 'acme' } })), type).toBe(false);
    }
    expect(allowed(readRequest({ principal: { kind: 'root', id: 'admin', tenant: 'acme' } as never }))).toBe(
      false,
    );
    // Action entities come from the schema only: a request cannot add one with made-up groups.
    const fakeAction = {
      type: 'Maestro::Action',
      id: 'tool:doc.read',
      parents: [{ type: 'Maestro::Action', id: 'effect:read' }],
    };
    expect(engine.decide(readRequest({ entities: [fakeAction] })).errors[0]).toMatch(
      /entities\[0\]\.type is not an entity type/,
    );
    expect(
      allowed(readRequest({ principal: { type: 'Maestro::Action', id: 'admin', tenant: 'acme' } })),
    ).toBe(false);
    // A resource may not pose as the principal to smuggle attributes in.
    expect(
      engine.decide(
        readRequest({ principal: testAgent({ id: 'admin' }), resource: { type: 'Agent', id: 'admin' } }),
      ).decision,
    ).toBe('deny');
  });

  it("Cedar's JSON escapes in arguments and attributes are not read as entities or extension values", () => {
    const e = createPolicyEngine({
      policies: `permit(principal, action == Maestro::Action::"tool:doc.write", resource) when { context.args.count == 1 };`,
      schema: TEST_SCHEMA,
    });
    const sneaky = { __entity: { type: 'Maestro::Agent', id: 'admin' }, count: 1 };
    expect(e.decide(readRequest({ tool: 'doc.write', args: sneaky })).decision).toBe('allow');
    const asCount = readRequest({
      tool: 'doc.write',
      args: { count: { __extn: { fn: 'decimal', arg: '1.0' } } },
    });
    expect(e.decide(asCount)).toMatchObject({ decision: 'deny', lane: 'block' });
    const owner = { __entity: { type: 'Maestro::Agent', id: 'admin' } };
    const decision = e.decide(
      readRequest({ resource: { type: 'Doc', id: 'd', tenant: 'acme', attributes: { owner } } }),
    );
    expect(decision.errors[0]).toMatch(/resource\.owner must be an id of Maestro::User/);
  });

  it('parents must have a parent type the schema allows', () => {
    const e = createPolicyEngine({
      policies: 'permit(principal, action, resource in Maestro::Folder::"finance");',
      schema: TEST_SCHEMA,
    });
    const doc = (parents: Array<{ type: string; id: string }>) =>
      e.decide(readRequest({ resource: { type: 'Doc', id: 'd', tenant: 'acme', parents } }));
    expect(doc([{ type: 'Folder', id: 'finance' }]).decision).toBe('allow');
    expect(doc([{ type: 'Folder', id: 'finance\n' }]).decision).toBe('deny');
    expect(doc([{ type: 'Doc', id: 'finance' }]).errors[0]).toMatch(/is not a parent type of Maestro::Doc/);
    // Principals of the base schema have no parent types at all.
    const withParents = readRequest({
      principal: testAgent({ parents: [{ type: 'Folder', id: 'finance' }] }),
    });
    expect(e.decide(withParents).errors[0]).toMatch(/principal\.parents\[0\]\.type is not a parent type/);
  });

  it('prototype keys are ignored like any undeclared attribute', () => {
    const args = JSON.parse('{"count": 1, "__proto__": {"count": 2}, "constructor": {}}') as Record<
      string,
      unknown
    >;
    const e = createPolicyEngine({
      policies: `permit(principal, action == Maestro::Action::"tool:doc.write", resource) when { context.args.count == 1 };`,
      schema: TEST_SCHEMA,
    });
    expect(e.decide(readRequest({ tool: 'doc.write', args })).decision).toBe('allow');
    const inherited = Object.create({ count: 1 }) as Record<string, unknown>;
    expect(e.decide(readRequest({ tool: 'doc.write', args: inherited })).decision).toBe('deny');
  });
});

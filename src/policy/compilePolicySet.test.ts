import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MaestroError } from '../errors/index.js';
import { checkPolicySet } from './checkPolicySet.js';
import { loadPolicyEngine } from './loadPolicyEngine.js';
import { loadPolicySet } from './loadPolicySet.js';
import { PolicyInvalidError } from './PolicyInvalidError.js';
import { createPolicyEngine } from './policyEngine.js';
import type { PolicyProblem } from './problems.js';
import { readRequest, TEST_SCHEMA } from './testing/testPolicySet.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function directory(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-policy-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function refused(start: () => unknown): PolicyInvalidError {
  try {
    start();
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyInvalidError);
    expect(error).toBeInstanceOf(MaestroError);
    expect((error as MaestroError).code).toBe('ERR_POLICY_INVALID');
    return error as PolicyInvalidError;
  }
  throw new Error('the engine started');
}

const where = (problems: readonly PolicyProblem[]) =>
  problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity}`);

describe('an invalid policy set is refused with file:line', () => {
  it('a parse error, at its line and column in its file', () => {
    const error = refused(() =>
      createPolicyEngine({
        policies: [
          { name: 'ok.cedar', text: 'permit(principal, action, resource);\n' },
          {
            name: 'broken.cedar',
            text: '// héllo wörld\npermit(principal, action, resource)\n  when { 1 + };\n',
          },
        ],
        schema: TEST_SCHEMA,
      }),
    );
    expect(where(error.problems)).toEqual(['broken.cedar:3:14 error']);
    expect(error.problems[0]?.message).toContain('unexpected token');
    expect(error.message).toContain('broken.cedar:3:14: error:');
  });

  it('validation errors against the schema (strict mode), with the policy id', () => {
    const error = refused(() =>
      createPolicyEngine({
        policies: [
          {
            name: 'a.cedar',
            text: [
              '@id("typo")',
              'permit(principal, action == Maestro::Action::"tool:doc.read", resource)',
              '  when { context.riskpercent > 50 };',
              '',
              '@id("optional-claim")',
              'permit(principal, action == Maestro::Action::"tool:doc.read", resource)',
              '  when { principal.claims.admin };',
              'permit(principal, action == Maestro::Action::"tool:nope", resource);',
            ].join('\n'),
          },
        ],
        schema: TEST_SCHEMA,
      }),
    );
    // Cedar reports a problem once per action and principal type it applies to.
    const unique = [...new Set(error.problems.map((p) => `${p.policyId}@${p.line}`))];
    expect(unique.map((u) => u.split('@'))).toEqual([
      ['typo', '3'],
      ['optional-claim', '7'],
      ['a.cedar#3', '8'],
    ]);
    expect(error.problems[0]?.message).toMatch(/riskpercent.*not found.*riskPercent/s);
    expect(error.problems[1]?.message).toMatch(/optional attribute `claims\.admin`/);
  });

  it('wrong maestro annotations, duplicate ids and templates', () => {
    const error = refused(() =>
      createPolicyEngine({
        policies: [
          {
            name: 'lanes.cedar',
            text: [
              '@lane("fast") permit(principal, action, resource);',
              '@lane("confirm") forbid(principal, action, resource);',
              '@escalate("auto") permit(principal, action, resource);',
              '@lane("auto") @escalate("block") permit(principal, action, resource);',
              '@id("same") permit(principal, action, resource);',
              '@id("same") permit(principal, action, resource);',
              '@id("line\nbreak") permit(principal, action, resource);',
            ].join('\n'),
          },
          { name: 'template.cedar', text: 'permit(principal == ?principal, action, resource);' },
        ],
        schema: TEST_SCHEMA,
      }),
    );
    const messages = error.problems.map((p) => `${p.file}:${p.line} ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^lanes\.cedar:1 @lane must be one of "auto", "confirm", "block"/),
      expect.stringMatching(/^lanes\.cedar:2 @lane and @escalate apply to permit policies only/),
      expect.stringMatching(/^lanes\.cedar:3 @escalate must be one of "confirm", "block"/),
      expect.stringMatching(/^lanes\.cedar:4 a policy has either @lane .* or @escalate/),
      expect.stringMatching(/^lanes\.cedar:6 duplicate policy id "same" \(also at lanes\.cedar:5\)/),
      expect.stringMatching(/^lanes\.cedar:7 @id must not contain control/),
      expect.stringMatching(/^template\.cedar:1 .*template/),
    ]);
  });

  it('schema errors in the file that has them, across merged files', () => {
    const error = refused(() =>
      createPolicyEngine({
        policies: 'permit(principal, action, resource);',
        schema: [
          { name: 'a.cedarschema', text: 'namespace Maestro {\n  entity Doc { tenant: String };\n}\n' },
          {
            name: 'b.cedarschema',
            text: [
              '// tools',
              'namespace Maestro {',
              '  action "tool:x" in [Action::"effect:read"] appliesTo {',
              '    principal: [Agent], resource: [Dok], context: Context };',
              '}',
            ].join('\n'),
          },
        ],
      }),
    );
    expect(where(error.problems)).toEqual(['b.cedarschema:4:36 error']);
    expect(error.problems[0]?.message).toContain('Dok');
  });

  it('a schema that redeclares a base type, at the redeclaration', () => {
    const redeclared = refused(() =>
      createPolicyEngine({
        policies: '',
        schema: [{ name: 'mine.cedarschema', text: 'namespace Maestro {\n\n  entity Agent;\n}\n' }],
      }),
    );
    expect(redeclared.problems[0]).toMatchObject({ file: 'mine.cedarschema', line: 3, severity: 'error' });
    expect(redeclared.problems[0]?.message).toMatch(
      /`Agent` is declared twice \(also at <maestro base schema>:\d+:\d+\)/,
    );
  });

  it('tools outside every effect group, or without appliesTo', () => {
    const error = refused(() =>
      createPolicyEngine({
        policies: '',
        schema: [
          {
            name: 's.cedarschema',
            text: [
              'namespace Maestro {',
              '  entity Doc;',
              '  action "tool:loose" appliesTo { principal: [Agent], resource: [Doc], context: Context };',
              '  action "tool:nowhere" in [Action::"effect:read"];',
              '}',
            ].join('\n'),
          },
        ],
      }),
    );
    expect(error.problems.map((p) => `${p.file}:${p.line} ${p.message}`)).toEqual([
      expect.stringMatching(/^s\.cedarschema:3 Maestro::Action::"tool:loose" is in no effect group/),
      expect.stringMatching(
        /^s\.cedarschema:4 Maestro::Action::"tool:nowhere" has no principal or resource types/,
      ),
    ]);
  });

  it('warnings do not stop a set', () => {
    const check = checkPolicySet({
      policies: 'permit(principal, action == Maestro::Action::"tool:doc.read", resource is Maestro::Folder);',
      schema: TEST_SCHEMA,
    });
    expect(check.valid).toBe(true);
    expect(check.problems.length).toBeGreaterThan(0);
    for (const problem of check.problems) {
      expect(problem).toMatchObject({ severity: 'warning', file: 'policies.cedar', line: 1 });
      expect(problem.message).toMatch(/impossible|unable to find an applicable action/);
    }
  });
});

describe('schemas', () => {
  it('JSON schema files extend the base schema too', () => {
    const json = JSON.stringify({
      Maestro: {
        entityTypes: { Doc: { shape: { type: 'Record', attributes: { tenant: { type: 'String' } } } } },
        actions: {
          'tool:doc.read': {
            memberOf: [{ id: 'effect:read' }],
            appliesTo: { principalTypes: ['Agent'], resourceTypes: ['Doc'], context: { type: 'Context' } },
          },
        },
      },
    });
    const engine = createPolicyEngine({
      policies: 'permit(principal, action in Maestro::Action::"effect:read", resource);',
      schema: [{ name: 'tools.cedarschema.json', text: json }],
    });
    expect(engine.decide(readRequest()).decision).toBe('allow');
    const duplicate = refused(() =>
      createPolicyEngine({
        policies: '',
        schema: [
          { name: 'a.cedarschema.json', text: json },
          { name: 'b.cedarschema.json', text: json },
        ],
      }),
    );
    expect(duplicate.problems[0]).toMatchObject({ file: 'b.cedarschema.json' });
    expect(duplicate.problems[0]?.message).toContain('"Doc"');
    const syntax = refused(() =>
      createPolicyEngine({
        policies: '',
        schema: [{ name: 'x.cedarschema.json', text: '{\n  "Maestro": {,\n}' }],
      }),
    );
    expect(syntax.problems[0]).toMatchObject({ file: 'x.cedarschema.json', line: 2 });
  });

  it('a set can bring its whole schema instead of the base', () => {
    const schema = `namespace Maestro {
      entity Agent { tenant: String };
      entity Tool;
      action "effect:read";
      action "tool:ping" in [Action::"effect:read"] appliesTo { principal: [Agent], resource: [Tool], context: { tenant: String } };
    }`;
    const engine = createPolicyEngine({
      policies: 'permit(principal, action, resource);',
      schema,
      baseSchema: false,
    });
    const request = {
      principal: { kind: 'agent', id: 'a', tenant: 't', claims: { dropped: true } },
      tool: 'ping',
      tenant: 't',
    } as const;
    expect(engine.decide(request).decision).toBe('allow');
  });
});

describe('loading from disk', () => {
  it('reads every policy and schema file below a directory, named relative to it', () => {
    const dir = directory({
      'schema.cedarschema': TEST_SCHEMA,
      'reads.cedar': 'permit(principal, action in Maestro::Action::"effect:read", resource);',
      'team/writes.cedar':
        '@lane("confirm") permit(principal, action in Maestro::Action::"effect:write", resource);',
      'cases.yaml': 'not part of the set',
      '.hidden/ignored.cedar': 'this is not cedar',
    });
    const engine = loadPolicyEngine({ dir });
    expect(engine.policies.map((p) => p.id)).toEqual(['reads.cedar#1', 'team/writes.cedar#1']);
    expect(engine.decide(readRequest({ tool: 'doc.write', args: { count: 1 } })).lane).toBe('confirm');
  });

  it('refuses a directory it cannot read or that holds no policy', () => {
    expect(
      refused(() => loadPolicySet({ dir: join(tmpdir(), 'maestro-no-such-dir') })).problems[0]?.message,
    ).toBe('the policy directory cannot be read');
    expect(
      refused(() => loadPolicySet({ dir: directory({ 'a.cedarschema': TEST_SCHEMA }) })).problems[0]?.message,
    ).toBe('no .cedar policy files');
  });

  it('an explicit file list', () => {
    const dir = directory({
      's.cedarschema': TEST_SCHEMA,
      'p.cedar': 'permit(principal, action, resource);',
    });
    const sources = loadPolicySet({ files: [join(dir, 'p.cedar'), join(dir, 's.cedarschema')] });
    expect(sources.policies.map((f) => f.name)).toEqual([join(dir, 'p.cedar')]);
    expect(sources.schemas).toHaveLength(1);
    expect(refused(() => loadPolicySet({ files: [join(dir, 'nope.txt')] })).problems[0]?.message).toContain(
      'is not a .cedar',
    );
  });
});

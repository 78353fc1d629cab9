import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../../examples/policies', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'maestro-policy-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function maestro(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'policy', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('maestro policy (subprocess)', () => {
  it('validate: exit 0 for a valid set, exit 1 listing every problem at file:line', async () => {
    const bad = mkdtempSync(join(dir, 'bad-'));
    writeFileSync(
      join(bad, 'tools.cedarschema'),
      'namespace Maestro {\n  action "tool:t" in [Action::"effect:read"]\n    appliesTo { principal: [Agent], resource: [Tool], context: Context };\n}\n',
    );
    writeFileSync(
      join(bad, 'a.cedar'),
      'permit(principal, action, resource);\n@lane("soon") permit(principal, action, resource);\n',
    );
    writeFileSync(join(bad, 'b.cedar'), '\n\npermit(principal, action, resource) when { context.nope };\n');
    const [valid, invalid] = await Promise.all([maestro(['validate', EXAMPLES]), maestro(['validate', bad])]);
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
    expect(valid.stdout).toMatch(/valid: 13 policies, 7 tools \(sha256:[0-9a-f]{64}\)/);

    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toMatch(/a\.cedar:2:1: error: @lane must be one of/);
    expect(invalid.stdout).toMatch(/b\.cedar:3:\d+: error: .*attribute `nope` in context/);
    expect(invalid.stdout).toMatch(/not valid: 2 errors/);
  }, 60_000);

  it('test: exit 0 when every case passes, 2 naming the failing case and why', async () => {
    const failing = write(
      'failing.yaml',
      [
        'defaults:',
        '  tenant: acme',
        '  principal: { kind: agent, id: a1, tenant: acme }',
        'cases:',
        '  - name: docs are readable',
        '    request: { tool: docs.search }',
        '    expect: { decision: allow, lane: auto }',
        '  - name: deleting is fine (it is not)',
        '    request: { tool: crm.delete, resource: { type: Customer, id: c1, tenant: acme } }',
        '    expect: { decision: allow, lane: confirm }',
      ].join('\n'),
    );
    const [pass, fail] = await Promise.all([
      maestro(['test', join(EXAMPLES, 'cases.yaml')]),
      maestro(['test', failing, '--policies', EXAMPLES]),
    ]);
    expect(pass.stderr).toBe('');
    expect(pass.code).toBe(0);
    expect(pass.stdout).toMatch(/\d+ cases: \d+ passed, 0 failed/);

    expect(fail.code).toBe(2);
    expect(fail.stdout).toContain('PASS  docs are readable  allow/auto  read-own-tenant');
    expect(fail.stdout).toContain('FAIL  deleting is fine (it is not)  deny/block');
    expect(fail.stdout).toContain('expected allow, got deny');
    expect(fail.stdout).toContain('2 cases: 1 passed, 1 failed');
  }, 60_000);
});

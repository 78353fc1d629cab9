import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { githubToken, seeded } from '../output/secrets/fixtures/tokens.js';
import { reviewRepo } from './reviewRepo.js';
import { RULES } from './rules/index.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/review', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'maestro-review-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let n = 0;
function project(files: Record<string, string>): string {
  const dir = join(temp, `p${n++}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const ruleIds = (report: Awaited<ReturnType<typeof reviewRepo>>, id: string) =>
  report.findings.filter((f) => f.ruleId === id && f.suppressed === undefined);

describe('each rule on its fixtures: the vulnerable project is flagged, the fixed one is not', () => {
  const dirs = readdirSync(FIXTURES).sort();
  it('has fixtures for every rule that reads source code or Dockerfiles', () => {
    const generated = new Set(['MAESTRO-L6-001', 'MAESTRO-L6-002']); // secrets and .env files are made at run time below
    expect(RULES.map((r) => r.meta.id).filter((id) => !generated.has(id))).toEqual(dirs);
  });
  for (const id of dirs) {
    it(`${id}`, async () => {
      const vulnerable = await reviewRepo(join(FIXTURES, id, 'vulnerable'));
      const fixed = await reviewRepo(join(FIXTURES, id, 'fixed'));
      expect(ruleIds(vulnerable, id).length).toBeGreaterThan(0);
      expect(ruleIds(fixed, id)).toEqual([]);
      // Each language a vulnerable fixture comes in is caught.
      const languages = new Set(
        readdirSync(join(FIXTURES, id, 'vulnerable')).map((f) =>
          f.endsWith('.py') ? 'py' : f.endsWith('.ts') ? 'ts' : 'other',
        ),
      );
      const caught = new Set(
        ruleIds(vulnerable, id).map((f) =>
          f.file.endsWith('.py') ? 'py' : f.file.endsWith('.ts') ? 'ts' : 'other',
        ),
      );
      expect(caught).toEqual(languages);
    });
  }
});

describe('repository rules', () => {
  it('MAESTRO-L6-001 finds a committed secret in code and config, masks it in the snippet, and skips git-ignored files', async () => {
    const token = githubToken(seeded(5));
    const dir = project({
      'agent.py': `GITHUB_TOKEN = "${token}"\n`,
      'config/settings.yaml': `github:\n  token: ${token}\n`,
      'local/.env.local': `GITHUB_TOKEN=${token}\n`,
      '.gitignore': 'local/\n',
      'clean.py': 'import os\nGITHUB_TOKEN = os.environ["GITHUB_TOKEN"]\n',
    });
    const report = await reviewRepo(dir);
    const hits = ruleIds(report, 'MAESTRO-L6-001');
    expect(hits.map((f) => f.file).sort()).toEqual(['agent.py', 'config/settings.yaml']);
    expect(JSON.stringify(report)).not.toContain(token);
    expect(hits[0]?.snippet).toContain('[REDACTED]');
  });

  it('MAESTRO-L6-002 flags a .env file no .gitignore excludes, and not one that is excluded or an example', async () => {
    const open = await reviewRepo(
      project({ '.env': 'DEBUG=1\n', '.env.example': 'DEBUG=\n', 'app.py': 'print(1)\n' }),
    );
    expect(ruleIds(open, 'MAESTRO-L6-002').map((f) => f.file)).toEqual(['.env']);
    const ignored = await reviewRepo(
      project({ '.env': 'DEBUG=1\n', '.gitignore': '.env\n', 'app.py': 'print(1)\n' }),
    );
    expect(ruleIds(ignored, 'MAESTRO-L6-002')).toEqual([]);
    const nested = await reviewRepo(
      project({ 'svc/.env.production': 'X=1\n', 'svc/.gitignore': '.env.*\n!.env.example\n' }),
    );
    expect(ruleIds(nested, 'MAESTRO-L6-002')).toEqual([]);
  });
});

describe('suppressions and the report', () => {
  const vulnerable = (comment: string) =>
    project({
      'agent.py': [
        'from openai import OpenAI',
        'client = OpenAI(timeout=30)',
        'def ask(user_input: str):',
        `    prompt = f"Summarise: {user_input}"${comment}`,
        '    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])',
        '',
      ].join('\n'),
    });

  it('honours an inline maestro-ignore with a reason on the line or the line above, and keeps it in the report', async () => {
    const dir = project({
      'agent.py': [
        'from openai import OpenAI',
        'client = OpenAI(timeout=30)',
        'def ask(user_input: str):',
        '    prompt = f"Summarise: {user_input}"',
        '    # maestro-ignore MAESTRO-L1-001: input is an internal ticket id checked against ^[0-9]+$ upstream',
        '    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])',
        '',
      ].join('\n'),
    });
    const report = await reviewRepo(dir);
    const finding = report.findings.find((f) => f.ruleId === 'MAESTRO-L1-001');
    expect(finding?.suppressed?.reason).toContain('internal ticket id');
    expect(report.checklist.find((c) => c.id === 'L1.1')?.status).toBe('pass');
  });

  it('ignores a marker without a reason, or for another rule', async () => {
    const noReason = await reviewRepo(vulnerable(''));
    expect(ruleIds(noReason, 'MAESTRO-L1-001')).toHaveLength(1);
    const dir = project({
      'agent.py': [
        'from openai import OpenAI',
        'client = OpenAI(timeout=30)',
        'def ask(user_input: str):',
        '    prompt = f"Summarise: {user_input}"',
        '    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])  # maestro-ignore MAESTRO-L1-001',
        '    # maestro-ignore MAESTRO-L4-001: not this one',
        '',
      ].join('\n'),
    });
    expect(ruleIds(await reviewRepo(dir), 'MAESTRO-L1-001')).toHaveLength(1);
  });

  it('is deterministic, sorts by severity, and fills the checklist (fail, pass, manual)', async () => {
    const a = await reviewRepo(FIXTURES);
    const b = await reviewRepo(FIXTURES);
    const strip = (r: typeof a) => ({ ...r, durationMs: 0 });
    expect(strip(a)).toEqual(strip(b));
    const ranks = a.findings.map((f) => ['critical', 'high', 'medium', 'low', 'info'].indexOf(f.severity));
    expect([...ranks].sort((x, y) => x - y)).toEqual(ranks);
    const statuses = new Set(a.checklist.map((c) => c.status));
    expect(statuses.has('fail') && statuses.has('manual')).toBe(true);
    expect(a.checklist.find((c) => c.id === 'L1.1')?.status).toBe('fail');
    expect(a.checklist.find((c) => c.id === 'L1.3')?.status).toBe('manual');
    expect(a.checklist).toHaveLength(21);
    expect(a.stacks).toEqual(
      expect.arrayContaining(['OpenAI SDK', 'Vercel AI SDK', 'LangChain', 'OpenAI Agents SDK']),
    );
  });

  it('skips dependencies, build output, git-ignored folders and symbolic links, and survives files it cannot parse', async () => {
    const dir = project({
      'node_modules/pkg/index.js': 'eval(req.body.x)\n',
      'build/out.py': 'import os\nos.system(input())\n',
      'gen/x.py': 'import os\nos.system(input())\n',
      '.gitignore': 'gen/\n',
      'broken.py': 'def (:\n  ???\n',
      'ok.ts': 'export const x = 1;\n',
    });
    const outside = project({ 'evil.py': 'import os\nos.system(input())\n' });
    symlinkSync(outside, join(dir, 'linked'));
    const report = await reviewRepo(dir);
    expect(report.findings.filter((f) => f.ruleId === 'MAESTRO-L6-004')).toEqual([]);
    expect(report.files.python + report.files.typescript).toBe(2);
  });

  it('leaves test code and test data out unless asked for', async () => {
    const vulnerable = 'import os\nos.system(input())\n';
    const dir = project({
      'tests/test_tools.py': vulnerable,
      'pkg/tools_test.py': vulnerable,
      'src/app.test.ts': 'eval(process.argv[2]);\n',
      'fixtures/x.py': vulnerable,
    });
    expect((await reviewRepo(dir)).files.python + (await reviewRepo(dir)).files.typescript).toBe(0);
    const all = await reviewRepo(dir, { includeTests: true });
    expect(
      all.findings
        .filter((f) => f.ruleId === 'MAESTRO-L6-004')
        .map((f) => f.file)
        .sort(),
    ).toEqual(['fixtures/x.py', 'pkg/tools_test.py', 'src/app.test.ts', 'tests/test_tools.py']);
  });

  it('refuses a path that is not a directory with a clear error', async () => {
    await expect(reviewRepo(join(temp, 'does-not-exist'))).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
  });
});

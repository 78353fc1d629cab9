import { detectSecrets } from '../../output/index.js';
import { type SourceModel, type Span, walkExpr } from '../model/sourceModel.js';
import type { RawFinding, Rule } from '../rule.js';

/** Detectors that go by a key word or entropy rather than a format: in code they must sit in a string. */
const KEYWORD_TYPES = new Set(['secret:generic', 'secret:password', 'secret:high-entropy']);

/** The spans of every string literal in a source file (assignments, arguments, returns). */
function stringSpans(model: SourceModel): Span[] {
  const spans: Span[] = [];
  for (const fn of model.functions) {
    const roots = [
      ...fn.assignments.map((a) => a.value),
      ...fn.calls.flatMap((c) => [...c.args, ...c.named.map((n) => n.value)]),
      ...fn.returns,
    ];
    for (const root of roots)
      for (const e of walkExpr(root))
        if (e.kind === 'string' || e.kind === 'interpolation') spans.push(e.span);
  }
  return spans;
}

function inside(spans: readonly Span[], line: number, column: number): boolean {
  return spans.some(
    (s) =>
      (line > s.line || (line === s.line && column >= s.column)) &&
      (line < s.endLine || (line === s.endLine && column < s.endColumn)),
  );
}

const CONFIG_EXTENSIONS = new Set(['json', 'yaml', 'yml', 'toml', 'ini', 'cfg', 'conf', 'properties']);

/** Package manifests and lock files: versions and hashes, not secrets. */
const MANIFESTS = new Set([
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'composer.lock',
  'Cargo.lock',
  'go.sum',
  'bun.lock',
  'tsconfig.json',
  'jsconfig.json',
]);

/** Files besides source code where secrets are committed. */
function isConfigFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (MANIFESTS.has(name)) return false;
  const extension = name.slice(name.lastIndexOf('.') + 1);
  return (
    name.startsWith('.env') ||
    name.startsWith('Dockerfile') ||
    name.startsWith('docker-compose') ||
    (name.includes('.') && CONFIG_EXTENSIONS.has(extension))
  );
}

export const hardcodedSecret: Rule = {
  meta: {
    id: 'MAESTRO-L6-001',
    layer: 6,
    severity: 'critical',
    checklist: 'L6.2',
    title: 'A secret is committed in the repository',
    description:
      'A key, token or private key in a known format (the same detectors as maestro’s output guard: provider prefixes and checksums, private-key blocks, credentials in URLs) is in a file of the repository. Anyone with the code has it, and so does every clone, image and backup.',
    mitigation:
      'Revoke and rotate the secret now, remove it from history, and read it from the environment or a secret manager; keep .env files out of version control.',
    threat: 'Secret exposure',
    refs: {
      layer: 6,
      owaspLlm: ['LLM02'],
      owaspAgentic: ['T9'],
      atlas: ['AML.T0083'],
      controls: ['C4', 'C19'],
      threats: ['T2'],
      nist: ['MANAGE'],
      iso: ['A.6.2.4', 'A.6.2.5'],
    },
    examples: {
      language: 'python',
      vulnerable: 'api_key = "sk-proj-Xt3…"  # hard-coded',
      fixed: 'api_key = os.environ["OPENAI_API_KEY"]',
    },
  },
  checkRepo(repo) {
    const out: RawFinding[] = [];
    const sources = new Map(repo.sources.map((s) => [s.file, s]));
    const files = new Set([...sources.keys(), ...repo.paths.filter(isConfigFile)]);
    for (const file of files) {
      if (repo.isGitIgnored(file)) continue; // .env kept out of git is the fix, not the flaw
      const text = repo.read(file);
      if (text === undefined) continue;
      const matches = detectSecrets(text, { minConfidence: 0.5 });
      const model = sources.get(file);
      const strings = model === undefined ? undefined : stringSpans(model);
      for (const m of matches) {
        const before = text.slice(0, m.start);
        const line = before.split('\n').length;
        const column = m.start - before.lastIndexOf('\n');
        // In code, `token = header.slice(7)` is not a secret: keyword matches count only inside strings.
        if (strings !== undefined && KEYWORD_TYPES.has(m.type) && !inside(strings, line, column)) continue;
        // `f"token = {token}"`: the value is a placeholder, not a secret.
        if (KEYWORD_TYPES.has(m.type) && text.slice(m.start, m.end).includes('{')) continue;
        out.push({
          file,
          span: { line, column, endLine: line, endColumn: column + (m.end - m.start) },
          message: `A ${m.type.replace('secret:', '')} secret is committed here.`,
        });
      }
    }
    return out;
  },
};

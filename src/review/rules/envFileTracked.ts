import type { RawFinding, Rule } from '../rule.js';

const EXAMPLES = ['.example', '.sample', '.template', '.dist', '.default', '.defaults'];

/** `.env` or `.env.<name>`, but not the committed templates (`.env.example`). */
function isEnvFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (name === '.env' || name.startsWith('.env.')) && !EXAMPLES.some((e) => name.endsWith(e));
}

export const envFileTracked: Rule = {
  meta: {
    id: 'MAESTRO-L6-002',
    layer: 6,
    severity: 'high',
    checklist: 'L6.2',
    title: 'A .env file is not excluded from version control',
    description:
      'A .env file sits in the repository and no .gitignore excludes it: the next commit publishes every secret in it.',
    mitigation:
      'Add .env (and .env.*, keeping .env.example) to .gitignore, remove tracked copies, and rotate anything that was committed.',
    threat: 'Secret exposure',
    refs: {
      layer: 6,
      owaspLlm: ['LLM02'],
      atlas: ['AML.T0083'],
      controls: ['C4'],
      threats: ['T2'],
      nist: ['MANAGE'],
      iso: ['A.6.2.5'],
    },
    examples: {
      language: 'text',
      vulnerable: '.gitignore: node_modules/',
      fixed: '.gitignore: node_modules/\n.env\n.env.*\n!.env.example',
    },
  },
  checkRepo(repo) {
    const out: RawFinding[] = [];
    for (const path of repo.paths) {
      if (!isEnvFile(path) || repo.isGitIgnored(path)) continue;
      out.push({
        file: path,
        span: { line: 1, column: 1, endLine: 1, endColumn: 1 },
        message: `${path} is not git-ignored.`,
      });
    }
    return out;
  },
};

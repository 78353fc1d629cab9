import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/review', import.meta.url));

function lineCount(dir: string): number {
  let lines = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) lines += lineCount(path);
    else if (/\.(ts|py)$/.test(name)) lines += readFileSync(path, 'utf8').split('\n').length;
  }
  return lines;
}

/**
 * A synthetic repository of about `targetLines` lines for the speed benchmark: copies of the
 * rule fixtures (vulnerable and fixed agents in TypeScript and Python, Dockerfiles) in numbered
 * packages, with a .gitignore, so the review meets the same constructs as in real agent code.
 */
export function buildCorpus(root: string, targetLines: number): { lines: number; copies: number } {
  const perCopy = lineCount(FIXTURES);
  const copies = Math.ceil(targetLines / perCopy);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, '.gitignore'), 'node_modules/\n*.log\n.env\n');
  for (let i = 0; i < copies; i++)
    cpSync(FIXTURES, join(root, `packages/pkg-${String(i).padStart(4, '0')}`), { recursive: true });
  return { lines: perCopy * copies, copies };
}

/** A repository built to be slow for careless matchers: a hostile .gitignore and deeply nested code. */
export function buildAdversarial(root: string): void {
  mkdirSync(join(root, 'src'), { recursive: true });
  // Patterns that make backtracking glob matchers exponential, against long names of a's.
  const hostile = Array.from({ length: 200 }, (_, i) => `${'*a'.repeat(20)}*b${i}`).join('\n');
  writeFileSync(join(root, '.gitignore'), `${hostile}\n`);
  for (let i = 0; i < 200; i++) writeFileSync(join(root, 'src', `${'a'.repeat(200)}${i}.py`), 'x = 1\n');
  // Deep nesting: brackets, concatenations and calls thousands of levels deep.
  writeFileSync(
    join(root, 'src', 'deep.py'),
    `x = ${'('.repeat(3000)}1${')'.repeat(3000)}\ny = "a"${' + "a"'.repeat(20000)}\n`,
  );
  writeFileSync(
    join(root, 'src', 'deep.ts'),
    `export const x = ${'['.repeat(3000)}1${']'.repeat(3000)};\nexport const y = 'a'${" + 'a'".repeat(20000)};\n`,
  );
  writeFileSync(
    join(root, 'src', 'calls.ts'),
    `export const z = ${'f('.repeat(2000)}1${')'.repeat(2000)};\n`,
  );
}

import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGitIgnore, type GitIgnore } from './gitignore.js';

/** Directories never worth reviewing: dependencies, build output, caches, VCS data. */
const SKIPPED_DIRS = new Set([
  '.git',
  'node_modules',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.turbo',
  '.venv',
  'venv',
  'env',
  '__pycache__',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  'site-packages',
  '.idea',
  '.vscode',
]);
const SOURCE_EXTENSIONS = new Map([
  ['.ts', 'typescript'],
  ['.tsx', 'typescript'],
  ['.mts', 'typescript'],
  ['.cts', 'typescript'],
  ['.js', 'typescript'],
  ['.jsx', 'typescript'],
  ['.mjs', 'typescript'],
  ['.cjs', 'typescript'],
  ['.py', 'python'],
] as const);

const TEST_DIRS = new Set([
  'test',
  'tests',
  '__tests__',
  'spec',
  'testing',
  'fixtures',
  '__fixtures__',
  'testdata',
]);

/** Test code and test data: left out of the review unless asked for (their secrets and shortcuts are on purpose). */
export function isTestPath(path: string): boolean {
  const segments = path.split('/');
  const name = segments.at(-1) ?? '';
  if (segments.slice(0, -1).some((s) => TEST_DIRS.has(s))) return true;
  return (
    /\.(test|spec)\.[cm]?[jt]sx?$/.test(name) ||
    (name.startsWith('test_') && name.endsWith('.py')) ||
    name.endsWith('_test.py') ||
    name === 'conftest.py'
  );
}

export interface WalkedRepo {
  /** Every file outside skipped and git-ignored directories, relative, `/`-separated, sorted. */
  readonly paths: readonly string[];
  readonly sources: ReadonlyArray<{ readonly path: string; readonly language: 'typescript' | 'python' }>;
  /** Sources left out: too large, or `.d.ts` declarations. */
  readonly skipped: readonly string[];
  readonly gitignore: GitIgnore;
}

export const MAX_SOURCE_BYTES = 1024 * 1024;
const MAX_FILES = 200_000;

function languageOf(name: string): 'typescript' | 'python' | undefined {
  if (name.endsWith('.d.ts')) return undefined;
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : SOURCE_EXTENSIONS.get(name.slice(dot) as '.ts');
}

/**
 * Lists a repository: every file, the sources to parse, honouring .gitignore files at every
 * level. Symbolic links are not followed (a link out of the tree must not widen the review).
 */
export function walkRepo(root: string, options: { readonly includeTests?: boolean } = {}): WalkedRepo {
  const gitignore = createGitIgnore();
  const paths: string[] = [];
  const sources: Array<{ path: string; language: 'typescript' | 'python' }> = [];
  const skipped: string[] = [];
  const visit = (dir: string, rel: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    if (entries.includes('.gitignore')) {
      try {
        gitignore.add(rel, readFileSync(join(dir, '.gitignore'), 'utf8'));
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    for (const name of entries) {
      if (paths.length >= MAX_FILES) return;
      const full = join(dir, name);
      const path = rel === '' ? name : `${rel}/${name}`;
      let stat: ReturnType<typeof lstatSync>;
      try {
        stat = lstatSync(full);
      } catch {
        continue;
      }
      if (stat.isSymbolicLink()) continue;
      if (stat.isDirectory()) {
        if (SKIPPED_DIRS.has(name) || gitignore.ignores(path, true)) continue;
        visit(full, path);
        continue;
      }
      if (!stat.isFile()) continue;
      if (options.includeTests !== true && isTestPath(path)) continue;
      paths.push(path);
      const language = languageOf(name);
      if (language === undefined || gitignore.ignores(path, false)) continue;
      if (stat.size > MAX_SOURCE_BYTES) skipped.push(path);
      else sources.push({ path, language });
    }
  };
  visit(root, '');
  return { paths, sources, skipped, gitignore };
}

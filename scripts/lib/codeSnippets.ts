/**
 * Benign source-code snippets for training. The injection datasets hold almost no benign code,
 * so a classifier trained on them alone reads any code as an attack. These snippets come from
 * packages pinned by package-lock.json (so the training set is reproducible), cut into windows
 * of 1–8 lines chosen by a seeded generator.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = [
  'node_modules/zod/v4/core',
  'node_modules/commander/lib',
  'node_modules/typescript/lib/lib.es5.d.ts',
];

function listFiles(path: string): string[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return [];
  if (stat.isFile()) return /\.(js|ts)$/.test(path) ? [path] : [];
  return readdirSync(path)
    .sort()
    .flatMap((name) => listFiles(join(path, name)));
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CodeSnippetSource {
  readonly files: readonly string[];
  readonly lines: number;
}

/** `count` snippets (label 0) and what they were cut from. */
export function benignCodeSnippets(
  root: string,
  count: number,
  seed = 7,
): { snippets: string[]; source: CodeSnippetSource } {
  const files = SOURCES.flatMap((s) => listFiles(join(root, s)));
  const lines: string[] = [];
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const trimmed = line.trimEnd();
      if (trimmed.trim().length > 0 && trimmed.length < 200) lines.push(trimmed);
    }
  }
  const rand = mulberry32(seed);
  const snippets: string[] = [];
  if (lines.length === 0) return { snippets, source: { files: [], lines: 0 } };
  for (let i = 0; i < count; i++) {
    const start = Math.floor(rand() * lines.length);
    const size = 1 + Math.floor(rand() * 8);
    snippets.push(lines.slice(start, start + size).join('\n'));
  }
  return { snippets, source: { files: files.map((f) => f.slice(root.length + 1)), lines: lines.length } };
}

/** Benign code windows added to the training rows by `npm run train` and the evaluation's retraining. */
export const CODE_SNIPPETS = 600;

/** The rows the classifier is trained on: the dataset rows plus the benign code snippets. */
export function withCodeSnippets(
  rows: ReadonlyArray<{ readonly text: string; readonly label: 0 | 1 }>,
  root: string,
): Array<{ text: string; label: 0 | 1 }> {
  const code = benignCodeSnippets(root, CODE_SNIPPETS);
  return [
    ...rows.map(({ text, label }) => ({ text, label })),
    ...code.snippets.map((text) => ({ text, label: 0 as const })),
  ];
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { EXCLUDED_FILES, type Family, FILE_LABELS, type FileLabel, NONE_FAMILY } from './labels.js';
import { parseLabel, type Unit } from './units.js';

export type CorpusSource = 'credsweeper' | 'detect-secrets' | 'repository';

/** One scanned file with its labels. */
export interface Doc {
  readonly id: string;
  readonly source: CorpusSource;
  readonly text: string;
  /** Offsets where each line starts; line n (1-based) starts at lineStarts[n - 1]. */
  readonly lineStarts: readonly number[];
  readonly family: Family;
  readonly units: readonly Unit[];
  readonly ignored: readonly (readonly [number, number])[];
  /** The file name marks it as a negative sample (`_n`, `_fp`, `_FALSE`, `no_secrets`). */
  readonly negativeByName: boolean;
}

export interface Corpus {
  readonly docs: readonly Doc[];
  /** Files skipped as binary (archives, images, office documents, compiled code). */
  readonly binary: readonly string[];
  readonly excluded: readonly { readonly file: string; readonly why: string }[];
  /** Text files with no entry in FILE_LABELS (scored as all-negative, family none). */
  readonly unlabelled: readonly string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
}

/** UTF-8 text, UTF-16 with a byte-order mark, or undefined for binary content (a NUL byte). */
export function decodeText(buffer: Buffer): string | undefined {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe)
    return buffer.subarray(2).toString('utf16le');
  if (buffer.includes(0)) return undefined;
  return buffer.toString('utf8');
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** The 1-based line holding `offset`. */
export function lineAt(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

const NEGATIVE_NAME = /(?:_n|_fp|_FALSE|no_secrets)(?:\.|$)/;

function makeDoc(id: string, source: CorpusSource, text: string, label: FileLabel | undefined): Doc {
  const parsed = label ? parseLabel(label) : { units: [], ignored: [] };
  return {
    id,
    source,
    text,
    lineStarts: lineStartsOf(text),
    family: label?.family ?? NONE_FAMILY,
    units: parsed.units,
    ignored: parsed.ignored,
    negativeByName: NEGATIVE_NAME.test(path.basename(id)),
  };
}

/** The labelled fixtures under `<datasets>/secrets/`. */
export function loadFixtures(datasetsDir: string): Corpus {
  const root = path.join(datasetsDir, 'secrets');
  const labels = new Map(FILE_LABELS.map((l) => [l.file, l]));
  const excluded = new Map(EXCLUDED_FILES.map((e) => [e.file, e.why]));
  const docs: Doc[] = [];
  const binary: string[] = [];
  const unlabelled: string[] = [];
  for (const full of walk(root)) {
    const id = path.relative(root, full).split(path.sep).join('/');
    if (excluded.has(id)) continue;
    const text = decodeText(readFileSync(full));
    if (text === undefined) {
      binary.push(id);
      continue;
    }
    const label = labels.get(id);
    if (!label) unlabelled.push(id);
    docs.push(makeDoc(id, id.startsWith('credsweeper/') ? 'credsweeper' : 'detect-secrets', text, label));
  }
  for (const file of labels.keys()) {
    if (!docs.some((d) => d.id === file)) throw new Error(`labelled file not found or binary: ${file}`);
  }
  return { docs, binary, excluded: EXCLUDED_FILES, unlabelled };
}

/**
 * Ordinary code and prose with no credentials: this repository's `src/**\/*.ts` without tests and
 * test fixtures, and `docs/*.md`. Every hit here is a false positive.
 */
export function loadRepository(repoRoot: string): Doc[] {
  const docs: Doc[] = [];
  const src = path.join(repoRoot, 'src');
  for (const full of walk(src)) {
    const id = path.relative(repoRoot, full).split(path.sep).join('/');
    if (!id.endsWith('.ts') || id.endsWith('.test.ts') || id.includes('/fixtures/')) continue;
    docs.push(makeDoc(id, 'repository', readFileSync(full, 'utf8'), undefined));
  }
  const docsDir = path.join(repoRoot, 'docs');
  for (const name of readdirSync(docsDir).sort()) {
    if (!name.endsWith('.md')) continue;
    docs.push(
      makeDoc(`docs/${name}`, 'repository', readFileSync(path.join(docsDir, name), 'utf8'), undefined),
    );
  }
  return docs;
}

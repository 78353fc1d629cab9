import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatMB, formatMs } from '../lib/format.js';
import type { Section } from '../lib/report.js';
import { median } from '../lib/stats.js';
import { REPO_ROOT } from './dist.js';
import type { BenchInput } from './inputs.js';
import { BENCH_SOURCE } from './subject.js';

/** Scans after the first one before resident memory is read. */
export const MEMORY_SCANS = 1_000;

interface ChildReport {
  /** `performance.now()` marks: milliseconds since the child process started. */
  readonly ready: number;
  readonly imported?: number;
  readonly firstScan?: number;
  readonly rss: number;
}

interface ChildRun {
  readonly wallMs: number;
  readonly report: ChildReport | undefined;
  readonly error?: string;
}

function isChildReport(value: unknown): value is ChildReport {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { ready?: unknown }).ready === 'number' &&
    typeof (value as { rss?: unknown }).rss === 'number'
  );
}

/**
 * Variables removed from the children's environment: they change Node's own start-up, not the
 * scanner's (NODE_EXTRA_CA_CERTS makes Node read a CA bundle before running any code).
 */
export const STRIPPED_ENV = ['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS'] as const;

function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of STRIPPED_ENV) delete env[name];
  return env;
}

/** The line naming the error (e.g. `SyntaxError: …`) and where it happened, from a child's stderr. */
function firstError(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '' && !/^\s+at /.test(line));
  const index = lines.findIndex((line) => /^\w*Error\b/.test(line));
  if (index < 0) return lines.slice(-2).join(' / ') || 'exited with an error';
  const where = lines.find((line) => line.startsWith('file://'));
  return where ? `${lines[index]} (${where})` : (lines[index] ?? '');
}

function runNode(args: readonly string[]): ChildRun {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [...args], { cwd: REPO_ROOT, encoding: 'utf8', env: childEnv() });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) return { wallMs, report: undefined, error: firstError(child.stderr ?? '') };
  if (child.stdout.trim() === '') return { wallMs, report: undefined };
  try {
    const parsed: unknown = JSON.parse(child.stdout);
    return { wallMs, report: isChildReport(parsed) ? parsed : undefined };
  } catch {
    return { wallMs, report: undefined, error: `unexpected output: ${child.stdout.slice(0, 80)}` };
  }
}

const BARE_SCRIPT =
  'process.stdout.write(JSON.stringify({ ready: performance.now(), rss: process.memoryUsage().rss }));';

function scannerScript(entryUrl: string, first: string, inputsFile: string): string {
  const options = JSON.stringify({ source: BENCH_SOURCE });
  return `
const ready = performance.now();
const scanner = await import(${JSON.stringify(entryUrl)});
const imported = performance.now();
const first = scanner.securityScan(${JSON.stringify(first)}, ${options});
if (first && typeof first.then === 'function') await first;
const firstScan = performance.now();
const { readFileSync } = await import('node:fs');
const inputs = JSON.parse(readFileSync(${JSON.stringify(inputsFile)}, 'utf8'));
for (let i = 0; i < ${MEMORY_SCANS}; i++) {
  const result = scanner.securityScan(inputs[i % inputs.length], ${options});
  if (result && typeof result.then === 'function') await result;
}
process.stdout.write(JSON.stringify({ ready, imported, firstScan, rss: process.memoryUsage().rss }));
`;
}

export interface ColdStartResult {
  readonly section: Section;
  /** Median ms from process start to the first scan's result. */
  readonly coldStartMs: number;
  /** Median RSS in bytes after import + first scan + MEMORY_SCANS scans. */
  readonly rssBytes: number;
  readonly bareReadyMs: number;
  readonly bareRssBytes: number;
}

function medianOf(runs: readonly ChildRun[], pick: (report: ChildReport) => number | undefined): number {
  const values = runs.flatMap((run) => {
    const value = run.report ? pick(run.report) : undefined;
    return value === undefined ? [] : [value];
  });
  return values.length > 0 ? median(values) : Number.NaN;
}

/**
 * Fresh child processes: `node -e ''`, a bare ESM `node -e` that reports its own marks, and one
 * that imports the compiled scan entry, scans once, then scans MEMORY_SCANS more times and reports RSS.
 */
export function measureColdStart(
  entry: string,
  first: BenchInput,
  memoryInputs: readonly BenchInput[],
  runs: number,
  buildNote: string,
): ColdStartResult {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-bench-'));
  try {
    const inputsFile = join(dir, 'inputs.json');
    writeFileSync(inputsFile, JSON.stringify(memoryInputs.map((input) => input.text)));
    const script = scannerScript(pathToFileURL(entry).href, first.text, inputsFile);
    const empty: ChildRun[] = [];
    const bare: ChildRun[] = [];
    const scanner: ChildRun[] = [];
    // Interleaved so that machine noise hits every variant alike.
    for (let i = 0; i < runs; i++) {
      empty.push(runNode(['-e', '']));
      bare.push(runNode(['--input-type=module', '-e', BARE_SCRIPT]));
      scanner.push(runNode(['--input-type=module', '-e', script]));
    }
    const removed = STRIPPED_ENV.filter((name) => process.env[name] !== undefined);
    const failure = scanner.find((run) => run.error !== undefined)?.error;
    const coldStartMs = medianOf(scanner, (r) => r.firstScan);
    const rssBytes = medianOf(scanner, (r) => r.rss);
    const bareReadyMs = medianOf(bare, (r) => r.ready);
    const bareRssBytes = medianOf(bare, (r) => r.rss);
    const importMs = medianOf(scanner, (r) => (r.imported === undefined ? undefined : r.imported - r.ready));
    const firstMs = medianOf(scanner, (r) =>
      r.firstScan === undefined || r.imported === undefined ? undefined : r.firstScan - r.imported,
    );
    const wall = (list: readonly ChildRun[]): string => formatMs(median(list.map((run) => run.wallMs)));
    const notes = [
      `Median of ${runs} runs each. "ready" is performance.now() in the child: ms since its process started.`,
      `RSS for maestro is read after import, the first scan and ${MEMORY_SCANS.toLocaleString('en-US')} scans of ${memoryInputs.map((input) => input.name).join(', ')}.`,
      `First scan input: ${first.name}. The maestro wall time includes the ${MEMORY_SCANS.toLocaleString('en-US')} scans. dist: ${buildNote}.`,
      `Children run without ${STRIPPED_ENV.join(' and ')}${removed.length > 0 ? ` (set here: ${removed.join(', ')})` : ''}: they change Node's start-up, not the scanner's.`,
    ];
    if (failure) notes.push(`Child error: ${failure}`);
    return {
      section: {
        title: 'Cold start and memory (fresh child process)',
        table: {
          columns: [
            { header: 'process' },
            { header: 'ready', align: 'right' },
            { header: 'import', align: 'right' },
            { header: 'first scan', align: 'right' },
            { header: 'start → first result', align: 'right' },
            { header: 'wall (spawn → exit)', align: 'right' },
            { header: 'RSS', align: 'right' },
          ],
          rows: [
            ["node -e ''", '–', '–', '–', '–', wall(empty), '–'],
            [
              'node --input-type=module -e (bare)',
              formatMs(bareReadyMs),
              '–',
              '–',
              '–',
              wall(bare),
              formatMB(bareRssBytes),
            ],
            [
              `import('${relative(REPO_ROOT, entry)}') + scans`,
              formatMs(medianOf(scanner, (r) => r.ready)),
              formatMs(importMs),
              formatMs(firstMs),
              formatMs(coldStartMs),
              wall(scanner),
              formatMB(rssBytes),
            ],
          ],
        },
        notes,
      },
      coldStartMs,
      rssBytes,
      bareReadyMs,
      bareRssBytes,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import { readFileSync } from 'node:fs';
import type { Lane } from '../core/index.js';
import { UsageError } from '../errors/index.js';
import { createProgress } from './scan/progress.js';
import type { JsonlLine } from './scan/readJsonl.js';

/** Exit codes shared by the scanning commands: 0 all auto, 2 any confirm or block, 1 a usage or input error. */
export const EXIT_OK = 0;
export const EXIT_INPUT_ERROR = 1;
export const EXIT_FLAGGED = 2;

/** Exactly one of: a text argument, --file, --jsonl (or none, for stdin). */
export function checkOneInput(
  text: string | undefined,
  file: string | undefined,
  jsonl: string | undefined,
): void {
  const given = [text !== undefined, file !== undefined, jsonl !== undefined].filter(Boolean).length;
  if (given > 1) throw new UsageError('Give one of: a text argument, --file, --jsonl.');
}

export function parseMaxBytes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError('--max-bytes must be a positive whole number.');
  return n;
}

/** The one input of a non-batch call, with the id its output line carries. */
export function readSingleInput(
  text: string | undefined,
  file: string | undefined,
): { id: string; text: string } {
  if (file !== undefined) {
    try {
      return { id: file, text: readFileSync(file, 'utf8') };
    } catch {
      throw new UsageError(`Cannot read --file ${file}.`);
    }
  }
  if (text !== undefined) return { id: 'argument', text };
  if (process.stdin.isTTY)
    throw new UsageError('Give a text argument, --file, --jsonl, or pipe text on stdin.');
  return { id: 'stdin', text: readFileSync(0, 'utf8') };
}

/**
 * Runs a JSONL batch in input order: malformed lines are reported on stderr with their number
 * and skipped, the batch goes on. The exit code says whether anything was flagged or skipped.
 */
export async function runBatch<T>(
  command: string,
  lines: AsyncIterable<JsonlLine<T>>,
  handle: (value: T) => { readonly lane: Lane },
): Promise<number> {
  let flagged = false;
  let malformed = false;
  let done = 0;
  const progress = createProgress();
  for await (const item of lines) {
    if (!item.ok) {
      malformed = true;
      process.stderr.write(`maestro ${command}: line ${item.line} skipped: ${item.problem}\n`);
      continue;
    }
    if (handle(item.value).lane !== 'auto') flagged = true;
    progress.tick(++done);
  }
  progress.end();
  return flagged ? EXIT_FLAGGED : malformed ? EXIT_INPUT_ERROR : EXIT_OK;
}

/** The exit code of a single-input call. */
export function singleExitCode(record: { readonly lane: Lane; readonly error?: unknown }): number {
  if (record.error !== undefined) return EXIT_INPUT_ERROR;
  return record.lane === 'auto' ? EXIT_OK : EXIT_FLAGGED;
}

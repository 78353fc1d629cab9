import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SOURCES, type Source } from '../../core/index.js';
import { UsageError } from '../../errors/index.js';
import { formatTableHeader, formatTableRow } from './formatTable.js';
import { createProgress } from './progress.js';
import { readJsonl } from './readJsonl.js';
import { type ScanRecord, scanRecord } from './scanRecord.js';

export interface ScanCommandOptions {
  file?: string;
  jsonl?: string;
  source: string;
  format: string;
  maxBytes?: string;
}

/** Exit codes: 0 every input auto, 2 any confirm or block, 1 a usage or input error. */
export const EXIT_OK = 0;
export const EXIT_INPUT_ERROR = 1;
export const EXIT_FLAGGED = 2;

function parseSource(value: string): Source {
  if (!(SOURCES as readonly string[]).includes(value)) {
    throw new UsageError(`--source must be one of ${SOURCES.join(', ')}.`);
  }
  return value as Source;
}

function parseMaxBytes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError('--max-bytes must be a positive whole number.');
  return n;
}

function readStdin(): string {
  return readFileSync(0, 'utf8');
}

export async function runScan(text: string | undefined, options: ScanCommandOptions): Promise<number> {
  const source = parseSource(options.source);
  const maxBytes = parseMaxBytes(options.maxBytes);
  if (options.format !== 'json' && options.format !== 'table')
    throw new UsageError('--format must be json or table.');
  const given = [text !== undefined, options.file !== undefined, options.jsonl !== undefined].filter(
    Boolean,
  ).length;
  if (given > 1) throw new UsageError('Give one of: a text argument, --file, --jsonl.');
  const table = options.format === 'table';
  const print = (record: ScanRecord) => {
    process.stdout.write(`${table ? formatTableRow(record) : JSON.stringify(record)}\n`);
  };
  if (table) process.stdout.write(`${formatTableHeader()}\n`);
  const scanOptions = maxBytes === undefined ? { source } : { source, maxBytes };

  if (options.jsonl !== undefined) {
    let flagged = false;
    let malformed = false;
    let done = 0;
    const progress = createProgress();
    for await (const item of readJsonl(options.jsonl)) {
      if (!item.ok) {
        malformed = true;
        process.stderr.write(`maestro scan: line ${item.line} skipped: ${item.problem}\n`);
        continue;
      }
      const record = scanRecord(item.id, item.text, { ...scanOptions, source: item.source ?? source });
      if (record.lane !== 'auto') flagged = true;
      print(record);
      progress.tick(++done);
    }
    progress.end();
    return flagged ? EXIT_FLAGGED : malformed ? EXIT_INPUT_ERROR : EXIT_OK;
  }

  let input: string;
  let id: string;
  if (options.file !== undefined) {
    try {
      input = readFileSync(options.file, 'utf8');
    } catch {
      throw new UsageError(`Cannot read --file ${options.file}.`);
    }
    id = options.file;
  } else if (text !== undefined) {
    input = text;
    id = 'argument';
  } else {
    if (process.stdin.isTTY)
      throw new UsageError('Give a text argument, --file, --jsonl, or pipe text on stdin.');
    input = readStdin();
    id = 'stdin';
  }
  const record = scanRecord(id, input, scanOptions);
  print(record);
  if (record.error !== undefined) return EXIT_INPUT_ERROR;
  return record.lane === 'auto' ? EXIT_OK : EXIT_FLAGGED;
}

export function registerScanCommand(program: Command, run: (code: Promise<number>) => void): void {
  program
    .command('scan')
    .description('Scan text for prompt injection: a text argument, --file, --jsonl, or stdin.')
    .argument('[text]', 'the text to scan')
    .option('-f, --file <path>', 'scan the contents of a file')
    .option('--jsonl <path>', 'scan a JSON-lines file of {"id","text","source"?} ("-" for stdin)')
    .option('-s, --source <source>', `where the text came from: ${SOURCES.join(', ')}`, 'user')
    .option('--format <format>', 'json (one line per input) or table', 'json')
    .option('--max-bytes <n>', 'size ceiling per input in UTF-8 bytes (default 65536)')
    .action((text: string | undefined, options: ScanCommandOptions) => run(runScan(text, options)));
}

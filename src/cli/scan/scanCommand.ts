import type { Command } from 'commander';
import { SOURCES, type Source } from '../../core/index.js';
import { UsageError } from '../../errors/index.js';
import { checkOneInput, parseMaxBytes, readSingleInput, runBatch, singleExitCode } from '../input.js';
import { formatTableHeader, formatTableRow } from './formatTable.js';
import { readJsonlLines, scanLineSchema } from './readJsonl.js';
import { type ScanRecord, scanRecord } from './scanRecord.js';

export interface ScanCommandOptions {
  file?: string;
  jsonl?: string;
  source: string;
  format: string;
  maxBytes?: string;
}

function parseSource(value: string): Source {
  if (!(SOURCES as readonly string[]).includes(value)) {
    throw new UsageError(`--source must be one of ${SOURCES.join(', ')}.`);
  }
  return value as Source;
}

export async function runScan(text: string | undefined, options: ScanCommandOptions): Promise<number> {
  const source = parseSource(options.source);
  const maxBytes = parseMaxBytes(options.maxBytes);
  if (options.format !== 'json' && options.format !== 'table')
    throw new UsageError('--format must be json or table.');
  checkOneInput(text, options.file, options.jsonl);
  const table = options.format === 'table';
  const print = (record: ScanRecord): ScanRecord => {
    process.stdout.write(`${table ? formatTableRow(record) : JSON.stringify(record)}\n`);
    return record;
  };
  if (table) process.stdout.write(`${formatTableHeader()}\n`);
  const scanOptions = maxBytes === undefined ? { source } : { source, maxBytes };

  if (options.jsonl !== undefined) {
    return runBatch('scan', readJsonlLines(options.jsonl, scanLineSchema), (line) =>
      print(scanRecord(line.id, line.text, { ...scanOptions, source: line.source ?? source })),
    );
  }
  const input = readSingleInput(text, options.file);
  return singleExitCode(print(scanRecord(input.id, input.text, scanOptions)));
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

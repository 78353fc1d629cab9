import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { UsageError } from '../../errors/index.js';
import { SINKS, type Sink } from '../../output/index.js';
import { createProgress } from '../scan/progress.js';
import { readJsonlLines } from '../scan/readJsonl.js';
import { EXIT_FLAGGED, EXIT_INPUT_ERROR, EXIT_OK } from '../scan/scanCommand.js';
import { type ScanOutputRecord, scanOutputRecord } from './scanOutputRecord.js';

interface ScanOutputCommandOptions {
  file?: string;
  jsonl?: string;
  sink: string;
  format: string;
  maxBytes?: string;
  allowHost?: string[];
}

const lineSchema = z.object({
  id: z.string().min(1).max(256),
  text: z.string(),
  sink: z.enum(SINKS).optional(),
});

function parseSink(value: string): Sink {
  if (!(SINKS as readonly string[]).includes(value))
    throw new UsageError(`--sink must be one of ${SINKS.join(', ')}.`);
  return value as Sink;
}

function tableRow(r: ScanOutputRecord): string {
  const types = [...new Set(r.findings.map((f) => f.type))].join(', ') || '-';
  return `${r.id.padEnd(24).slice(0, 24)} ${r.lane.padEnd(8)} ${r.error ? r.error.code : types}`;
}

export async function runScanOutput(
  text: string | undefined,
  options: ScanOutputCommandOptions,
): Promise<number> {
  const sink = parseSink(options.sink);
  if (options.format !== 'json' && options.format !== 'table')
    throw new UsageError('--format must be json or table.');
  const maxBytes = options.maxBytes === undefined ? undefined : Number(options.maxBytes);
  if (maxBytes !== undefined && (!Number.isInteger(maxBytes) || maxBytes < 1)) {
    throw new UsageError('--max-bytes must be a positive whole number.');
  }
  const given = [text !== undefined, options.file !== undefined, options.jsonl !== undefined].filter(
    Boolean,
  ).length;
  if (given > 1) throw new UsageError('Give one of: a text argument, --file, --jsonl.');
  const base = {
    sink,
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(options.allowHost === undefined ? {} : { allowedHosts: options.allowHost }),
  };
  const table = options.format === 'table';
  if (table) process.stdout.write(`${'id'.padEnd(24)} ${'lane'.padEnd(8)} findings\n`);
  const print = (r: ScanOutputRecord) => process.stdout.write(`${table ? tableRow(r) : JSON.stringify(r)}\n`);

  if (options.jsonl !== undefined) {
    let flagged = false;
    let malformed = false;
    let done = 0;
    const progress = createProgress();
    for await (const item of readJsonlLines(options.jsonl, lineSchema)) {
      if (!item.ok) {
        malformed = true;
        process.stderr.write(`maestro scan-output: line ${item.line} skipped: ${item.problem}\n`);
        continue;
      }
      const record = scanOutputRecord(item.value.id, item.value.text, {
        ...base,
        sink: item.value.sink ?? sink,
      });
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
    input = readFileSync(0, 'utf8');
    id = 'stdin';
  }
  const record = scanOutputRecord(id, input, base);
  print(record);
  if (record.error !== undefined) return EXIT_INPUT_ERROR;
  return record.lane === 'auto' ? EXIT_OK : EXIT_FLAGGED;
}

export function registerScanOutputCommand(program: Command, run: (code: Promise<number>) => void): void {
  program
    .command('scan-output')
    .description('Scan model output for secrets, PII and unsafe content; prints the redacted text.')
    .argument('[text]', 'the output to scan')
    .option('-f, --file <path>', 'scan the contents of a file')
    .option('--jsonl <path>', 'scan a JSON-lines file of {"id","text","sink"?} ("-" for stdin)')
    .option('--sink <sink>', `where the output goes: ${SINKS.join(', ')}`, 'text')
    .option('--allow-host <host...>', 'hosts images and links may point to (markdown, html sinks)')
    .option('--format <format>', 'json (one line per input) or table', 'json')
    .option('--max-bytes <n>', 'size ceiling per output in UTF-8 bytes (default 1 MiB)')
    .action((text: string | undefined, options: ScanOutputCommandOptions) =>
      run(runScanOutput(text, options)),
    );
}

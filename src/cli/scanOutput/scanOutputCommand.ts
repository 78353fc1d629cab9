import type { Command } from 'commander';
import { z } from 'zod';
import { UsageError } from '../../errors/index.js';
import { SINKS, type Sink } from '../../output/index.js';
import { checkOneInput, parseMaxBytes, readSingleInput, runBatch, singleExitCode } from '../input.js';
import { readJsonlLines } from '../scan/readJsonl.js';
import { type ScanOutputRecord, scanOutputRecord } from './scanOutputRecord.js';

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

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
  const maxBytes = parseMaxBytes(options.maxBytes);
  checkOneInput(text, options.file, options.jsonl);
  const base = {
    sink,
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(options.allowHost === undefined ? {} : { allowedHosts: options.allowHost }),
  };
  const table = options.format === 'table';
  if (table) process.stdout.write(`${'id'.padEnd(24)} ${'lane'.padEnd(8)} findings\n`);
  const print = (r: ScanOutputRecord): ScanOutputRecord => {
    process.stdout.write(`${table ? tableRow(r) : JSON.stringify(r)}\n`);
    return r;
  };
  if (options.jsonl !== undefined) {
    return runBatch('scan-output', readJsonlLines(options.jsonl, lineSchema), (line) =>
      print(scanOutputRecord(line.id, line.text, { ...base, sink: line.sink ?? sink })),
    );
  }
  const input = readSingleInput(text, options.file);
  return singleExitCode(print(scanOutputRecord(input.id, input.text, base)));
}

export function registerScanOutputCommand(program: Command, run: (code: Promise<number>) => void): void {
  program
    .command('scan-output')
    .description('Scan model output for secrets, PII and unsafe content; prints the redacted text.')
    .argument('[text]', 'the output to scan')
    .option('-f, --file <path>', 'scan the contents of a file')
    .option('--jsonl <path>', 'scan a JSON-lines file of {"id","text","sink"?} ("-" for stdin)')
    .option('--sink <sink>', `where the output goes: ${SINKS.join(', ')}`, 'text')
    .option(
      '--allow-host <host>',
      'a host images and links may point to (markdown, html sinks); repeat for more',
      collect,
    )
    .option('--format <format>', 'json (one line per input) or table', 'json')
    .option('--max-bytes <n>', 'size ceiling per output in UTF-8 bytes (default 1 MiB)')
    .action((text: string | undefined, options: ScanOutputCommandOptions) =>
      run(runScanOutput(text, options)),
    );
}

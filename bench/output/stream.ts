import type { OutputStreamOptions, ScanOutputOptions } from '../../src/output/index.js';
import { formatDuration, formatInteger, formatRatio } from '../lib/format.js';
import type { Section } from '../lib/report.js';
import { type Summary, summarize } from '../lib/stats.js';
import { atMost } from '../lib/verdict.js';
import { OUTPUT_ADVERSARIAL_CASES } from './adversarial.js';
import { buildOutputInput, KIB_64, OUTPUT_SIZES, type OutputInput } from './inputs.js';
import { measureScanOutput } from './measure.js';
import type { OutputSettings } from './settings.js';
import type { CreateOutputStreamFn, ScanOutputFn } from './subject.js';

/** Each chunk's processing must stay at or below this at p99 (nanoseconds). */
export const CHUNK_P99_TARGET_NS = 1_000_000;

/** Token-like chunk sizes, in UTF-16 code units. */
export const CHUNK_SIZES: readonly number[] = [4, 16, 64];

export interface StreamCase {
  readonly name: string;
  readonly text: string;
  readonly chunkChars: number;
  readonly options: OutputStreamOptions;
  /** Counts for the ≤ 1 ms target (clean prose); the others show the cost of findings and holds. */
  readonly target: boolean;
}

type StreamStatus = 'complete' | 'budget' | 'blocked' | 'failed';

interface StreamRun {
  readonly chunks: number;
  readonly fedChunks: number;
  readonly fedChars: number;
  readonly perChunk: Summary;
  /**
   * Most input characters written but not yet released, after any chunk; NaN when the stream
   * rewrote its output (redaction, neutralisation), since released lengths then no longer count input.
   */
  readonly maxHeld: number;
  /** Chunk processing plus the final flush (when the run completed). */
  readonly totalNs: number;
  readonly status: StreamStatus;
}

export interface StreamRow {
  readonly streamCase: StreamCase;
  readonly run: StreamRun;
  /** `scanOutput` on the whole text with the same options, p50. */
  readonly wholeP50: number;
  /** Streaming time per input character ÷ whole-text `scanOutput` time per character. */
  readonly overhead: number;
}

export interface StreamResult {
  readonly section: Section;
  readonly rows: readonly StreamRow[];
}

/** Cuts `text` into chunks of `size` code units, never between the halves of a surrogate pair. */
export function splitChunks(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + size);
    const unit = text.charCodeAt(end - 1);
    if (end < text.length && end - at > 1 && unit >= 0xd800 && unit <= 0xdbff) end--;
    chunks.push(text.slice(at, end));
    at = end;
  }
  return chunks;
}

/**
 * Feeds `text` chunk by chunk through a fresh guarded stream while a reader drains it. A chunk's
 * time runs from `writer.write(chunk)` until that write settles, i.e. until the transform has
 * scanned the pending text and enqueued what it could release.
 */
async function runStream(
  createOutputStream: CreateOutputStreamFn,
  text: string,
  chunkChars: number,
  options: OutputStreamOptions,
  budgetMs: number,
): Promise<StreamRun> {
  const chunks = splitChunks(text, chunkChars);
  const stream = createOutputStream(options);
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const received: string[] = [];
  const reading = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      received.push(value);
    }
  })();
  const samples: number[] = [];
  const budgetNs = BigInt(budgetMs) * 1_000_000n;
  let totalNs = 0n;
  let fedChars = 0;
  let maxHeld = 0;
  let status: StreamStatus = 'complete';
  for (const chunk of chunks) {
    if (totalNs >= budgetNs) {
      status = 'budget';
      break;
    }
    const start = process.hrtime.bigint();
    let rejected = false;
    try {
      await writer.write(chunk);
    } catch {
      rejected = true;
    }
    const took = process.hrtime.bigint() - start;
    totalNs += took;
    samples.push(Number(took));
    fedChars += chunk.length;
    const report = stream.report();
    if (report.blocked || rejected) {
      status = report.blocked ? 'blocked' : 'failed';
      break;
    }
    maxHeld = Math.max(maxHeld, fedChars - report.released);
  }
  if (status === 'complete') {
    const start = process.hrtime.bigint();
    try {
      await writer.close();
    } catch {
      status = stream.report().blocked ? 'blocked' : 'failed';
    }
    totalNs += process.hrtime.bigint() - start;
  } else if (status === 'budget') {
    await writer.abort('benchmark budget spent').catch(() => undefined);
  }
  await reading.catch(() => undefined);
  const output = received.join('');
  const unchanged = text.startsWith(output);
  return {
    chunks: chunks.length,
    fedChunks: samples.length,
    fedChars,
    perChunk: summarize(samples),
    maxHeld: unchanged ? maxHeld : Number.NaN,
    totalNs: Number(totalNs),
    status,
  };
}

function scanOptionsOf(options: OutputStreamOptions): ScanOutputOptions {
  const { holdBack: _holdBack, maxHold: _maxHold, ...scan } = options;
  return scan;
}

function streamCase(
  input: OutputInput,
  chunkChars: number,
  options: OutputStreamOptions,
  target: boolean,
): StreamCase {
  return { name: input.name, text: input.text, chunkChars, options, target };
}

/** Clean prose at 10 and 64 KiB in every chunk size, then outputs with findings and a long hold. */
export function streamCases(): StreamCase[] {
  const sizes = OUTPUT_SIZES.filter((size) => size.bytes >= 10_240);
  const cases = sizes.flatMap((size) =>
    CHUNK_SIZES.map((chunkChars) => streamCase(buildOutputInput('clean', size), chunkChars, {}, true)),
  );
  const size10 = sizes[0];
  if (size10) {
    cases.push(streamCase(buildOutputInput('leaky', size10), 16, { onSecret: 'redact' }, false));
    cases.push(
      streamCase(buildOutputInput('markdown', size10), 16, { sink: 'markdown', onSecret: 'redact' }, false),
    );
    cases.push(streamCase(buildOutputInput('html', size10), 16, { sink: 'html' }, false));
  }
  const pem = OUTPUT_ADVERSARIAL_CASES.find((c) => c.name === 'unterminated private key');
  if (pem) {
    cases.push({
      name: 'unterminated private key 64 KiB',
      text: pem.build(KIB_64),
      chunkChars: 64,
      options: {},
      target: false,
    });
  }
  return cases;
}

function describeOptions(options: OutputStreamOptions): string {
  const parts = Object.entries(options).map(([key, value]) => `${key}: ${String(value)}`);
  return parts.length > 0 ? parts.join(', ') : 'defaults';
}

function chunksCell(run: StreamRun): string {
  if (run.status === 'complete') return formatInteger(run.chunks);
  const why = run.status === 'budget' ? 'time budget' : run.status;
  return `${formatInteger(run.fedChunks)} of ${formatInteger(run.chunks)} (${why})`;
}

export async function measureStreaming(
  subject: { scanOutput: ScanOutputFn; createOutputStream: CreateOutputStreamFn },
  settings: OutputSettings,
  log: (message: string) => void,
): Promise<StreamResult> {
  const cases = streamCases();
  const warm = cases[0];
  const warmUntil = Date.now() + settings.streamWarmupMs;
  while (warm && Date.now() < warmUntil) {
    await runStream(subject.createOutputStream, warm.text, 16, warm.options, settings.streamWarmupMs);
  }

  const wholeP50 = new Map<string, number>();
  const rows: StreamRow[] = [];
  for (const c of cases) {
    log(`stream: ${c.name}, ${c.chunkChars}-character chunks…`);
    const run = await runStream(
      subject.createOutputStream,
      c.text,
      c.chunkChars,
      c.options,
      settings.streamBudgetMs,
    );
    const key = `${c.name}|${describeOptions(c.options)}`;
    let whole = wholeP50.get(key);
    if (whole === undefined) {
      const m = await measureScanOutput(subject.scanOutput, c.text, scanOptionsOf(c.options), settings);
      whole = m.measurement.ok ? m.measurement.summary.p50 : Number.NaN;
      wholeP50.set(key, whole);
    }
    const overhead =
      run.status === 'complete' || run.status === 'budget'
        ? run.totalNs / run.fedChars / (whole / c.text.length)
        : Number.NaN;
    rows.push({ streamCase: c, run, wholeP50: whole, overhead });
  }

  const section: Section = {
    title: 'Streaming: createOutputStream per chunk',
    description:
      'Each output is written chunk by chunk into a fresh createOutputStream() while a reader drains it. Per chunk: time from writer.write(chunk) until the write settles (the transform has rescanned the pending text and released what it can).',
    table: {
      columns: [
        { header: 'output' },
        { header: 'options' },
        { header: 'chunk', align: 'right' },
        { header: 'chunks', align: 'right' },
        { header: 'p50/chunk', align: 'right' },
        { header: 'p99/chunk', align: 'right' },
        { header: 'max/chunk', align: 'right' },
        { header: 'max held', align: 'right' },
        { header: 'stream total', align: 'right' },
        { header: 'scanOutput whole', align: 'right' },
        { header: 'overhead', align: 'right' },
        { header: `p99 ≤ ${formatDuration(CHUNK_P99_TARGET_NS)}` },
      ],
      rows: rows.map(({ streamCase: c, run, wholeP50: whole, overhead }) => [
        c.target ? c.name : `${c.name} (extra)`,
        describeOptions(c.options),
        `${c.chunkChars} ch`,
        chunksCell(run),
        formatDuration(run.perChunk.p50),
        formatDuration(run.perChunk.p99),
        formatDuration(run.perChunk.max),
        Number.isNaN(run.maxHeld) ? '– (rewritten)' : `${formatInteger(run.maxHeld)} ch`,
        formatDuration(run.totalNs),
        formatDuration(whole),
        run.status === 'blocked' ? 'n/a (blocked)' : formatRatio(overhead),
        atMost(run.perChunk.p99, CHUNK_P99_TARGET_NS),
      ]),
    },
    notes: [
      'max held = the most characters written but not yet released after any chunk (characters written minus report().released); shown only when the released text is the input unchanged, as released lengths stop counting input once values are masked or markup rewritten.',
      'stream total = the sum of per-chunk times plus the final flush; overhead = stream time per input character ÷ whole-text scanOutput p50 per character (same options).',
      `A configuration stops after ${formatDuration(settings.streamBudgetMs * 1_000_000)} of measured time; its percentiles and overhead then cover the chunks fed so far.`,
      'The ≤ 1 ms target applies to clean prose; "(extra)" rows show outputs with findings (secrets redacted so the stream continues) and an unterminated private key, which the stream holds until maxHold (16 KiB) and then stops.',
    ],
  };
  return { section, rows };
}

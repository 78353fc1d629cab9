import { formatDuration, formatMBps, formatRatio } from '../lib/format.js';
import type { Section } from '../lib/report.js';
import { atLeast, atMost } from '../lib/verdict.js';
import { LINEARITY_TARGET } from '../scan/linearity.js';
import { KIB_64 } from './inputs.js';
import { type OutputLatencyRow, THROUGHPUT_TARGET_MBPS } from './latency.js';
import type { OutputLinearityResult } from './linearity.js';
import { CHUNK_P99_TARGET_NS, type StreamRow } from './stream.js';

export interface OutputTargetInputs {
  readonly latency: readonly OutputLatencyRow[];
  readonly streaming: readonly StreamRow[];
  readonly linearity: OutputLinearityResult | undefined;
}

function worstStream(rows: readonly StreamRow[]): { p99: number; name: string } {
  let p99 = Number.NaN;
  let name = 'not run';
  for (const row of rows) {
    const value = row.run.perChunk.p99;
    if (!(value <= p99)) {
      p99 = value;
      name = `${row.streamCase.name}, ${row.streamCase.chunkChars}-ch chunks`;
    }
  }
  return { p99, name };
}

export function outputTargetsSection({ latency, streaming, linearity }: OutputTargetInputs): Section {
  const rows: string[][] = [];
  for (const row of latency.filter((r) => r.input.size.bytes === KIB_64)) {
    rows.push([
      `scanOutput throughput, ${row.input.kind} 64 KiB (sink ${row.input.sink}), one core`,
      `≥ ${THROUGHPUT_TARGET_MBPS} MB/s`,
      `${formatMBps(row.mbps)} MB/s`,
      atLeast(row.mbps, THROUGHPUT_TARGET_MBPS),
    ]);
  }
  let slowest: OutputLatencyRow | undefined;
  for (const row of latency) if (!slowest || !(row.mbps >= slowest.mbps)) slowest = row;
  rows.push([
    `scanOutput throughput, slowest of all ${latency.length} inputs (${slowest?.input.name ?? 'none'})`,
    `≥ ${THROUGHPUT_TARGET_MBPS} MB/s`,
    `${formatMBps(slowest?.mbps ?? Number.NaN)} MB/s`,
    atLeast(slowest?.mbps ?? Number.NaN, THROUGHPUT_TARGET_MBPS),
  ]);
  const clean = worstStream(streaming.filter((r) => r.streamCase.target));
  rows.push([
    `stream p99 per chunk, worst clean-prose run (${clean.name})`,
    `≤ ${formatDuration(CHUNK_P99_TARGET_NS)}`,
    formatDuration(clean.p99),
    atMost(clean.p99, CHUNK_P99_TARGET_NS),
  ]);
  const extra = worstStream(streaming.filter((r) => !r.streamCase.target));
  rows.push([
    `stream p99 per chunk, worst extra run (${extra.name})`,
    `≤ ${formatDuration(CHUNK_P99_TARGET_NS)}`,
    formatDuration(extra.p99),
    atMost(extra.p99, CHUNK_P99_TARGET_NS),
  ]);
  const worst = linearity?.worstRatio ?? Number.NaN;
  rows.push([
    `worst adversarial 64 KiB output (${linearity?.worstCase ?? 'not run'})`,
    `≤ ${LINEARITY_TARGET}× clean`,
    formatRatio(worst),
    atMost(worst, LINEARITY_TARGET),
  ]);
  return {
    title: 'Targets',
    table: {
      columns: [{ header: 'target' }, { header: 'goal' }, { header: 'measured' }, { header: 'verdict' }],
      rows,
    },
    notes: [
      'Throughput is measured on the main thread (one core) from mean call time.',
      'n/a = could not be measured in this run.',
    ],
  };
}

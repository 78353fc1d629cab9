import { formatBytes, formatDuration, formatInteger, formatMBps, throughputMBps } from '../lib/format.js';
import type { Section } from '../lib/report.js';
import type { Summary } from '../lib/stats.js';
import { atLeast } from '../lib/verdict.js';
import type { OutputInput } from './inputs.js';
import { KINDS } from './inputs.js';
import { measureScanOutput } from './measure.js';
import type { OutputSettings } from './settings.js';
import type { ScanOutputFn } from './subject.js';

/** `scanOutput` must sustain at least this many MB/s on one core. */
export const THROUGHPUT_TARGET_MBPS = 30;

export interface OutputLatencyRow {
  readonly input: OutputInput;
  readonly summary: Summary | undefined;
  /** Throughput from the mean call time (total bytes / total time), MB/s. */
  readonly mbps: number;
  readonly lane: string;
  readonly findings: number;
  readonly error?: string;
}

export interface OutputLatencyResult {
  readonly section: Section;
  readonly rows: readonly OutputLatencyRow[];
}

export async function measureOutputLatency(
  scanOutput: ScanOutputFn,
  inputs: readonly OutputInput[],
  settings: OutputSettings,
): Promise<OutputLatencyResult> {
  const rows: OutputLatencyRow[] = [];
  for (const input of inputs) {
    const { lane, findings, measurement } = await measureScanOutput(
      scanOutput,
      input.text,
      { sink: input.sink },
      settings,
    );
    if (measurement.ok) {
      const { summary } = measurement;
      rows.push({ input, summary, mbps: throughputMBps(input.size.bytes, summary.mean), lane, findings });
    } else {
      rows.push({ input, summary: undefined, mbps: Number.NaN, lane, findings, error: measurement.error });
    }
  }
  const section: Section = {
    title: 'scanOutput latency and throughput',
    description:
      "scanOutput(text, { sink }) per call, single thread, after warm-up; default options otherwise (secrets and PII on, onSecret: 'block', mask redaction).",
    table: {
      columns: [
        { header: 'input' },
        { header: 'sink' },
        { header: 'size' },
        { header: 'bytes', align: 'right' },
        { header: 'lane' },
        { header: 'findings', align: 'right' },
        { header: 'n', align: 'right' },
        { header: 'p50', align: 'right' },
        { header: 'p99', align: 'right' },
        { header: 'MB/s', align: 'right' },
        { header: `≥ ${THROUGHPUT_TARGET_MBPS} MB/s` },
      ],
      rows: rows.map((row) => [
        row.input.kind,
        row.input.sink,
        row.input.size.label,
        formatBytes(row.input.size.bytes),
        row.lane,
        formatInteger(row.findings),
        row.summary ? formatInteger(row.summary.n) : (row.error ?? '–'),
        row.summary ? formatDuration(row.summary.p50) : '–',
        row.summary ? formatDuration(row.summary.p99) : '–',
        formatMBps(row.mbps),
        atLeast(row.mbps, THROUGHPUT_TARGET_MBPS),
      ]),
    },
    notes: [
      'MB/s = input bytes / mean call time (10^6 bytes per MB).',
      ...Object.entries(KINDS).map(([kind, info]) => `${kind}: ${info.what}.`),
      'Secrets and PII are generated from a seeded PRNG in the published formats (GitHub CRC-32, Luhn); none is real.',
    ],
  };
  return { section, rows };
}

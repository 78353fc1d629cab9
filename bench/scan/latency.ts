import { formatBytes, formatDuration, formatInteger, formatMBps, throughputMBps } from '../lib/format.js';
import type { Section } from '../lib/report.js';
import type { Summary } from '../lib/stats.js';
import type { BenchInput } from './inputs.js';
import { sizeLabel } from './inputs.js';
import { measure } from './measure.js';
import type { ScanSettings } from './settings.js';
import { BENCH_SOURCE, type ScanFn, scanOnce } from './subject.js';

export interface LatencyRow {
  readonly input: BenchInput;
  readonly summary: Summary | undefined;
  /** Throughput from the mean call time (total bytes / total time), MB/s. */
  readonly mbps: number;
  readonly lane: string;
  readonly findings: number;
  readonly error?: string;
}

export interface LatencyResult {
  readonly section: Section;
  readonly rows: readonly LatencyRow[];
}

export async function measureLatency(
  scan: ScanFn,
  inputs: readonly BenchInput[],
  settings: ScanSettings,
): Promise<LatencyResult> {
  const rows: LatencyRow[] = [];
  for (const input of inputs) {
    let lane = '–';
    let findings = 0;
    try {
      const result = await scanOnce(scan, input.text);
      lane = result.lane;
      findings = result.findings.length;
    } catch {
      lane = 'threw';
    }
    const measurement = await measure(() => scan(input.text, { source: BENCH_SOURCE }), settings.sampler);
    if (measurement.ok) {
      const { summary } = measurement;
      rows.push({ input, summary, mbps: throughputMBps(input.size.bytes, summary.mean), lane, findings });
    } else {
      rows.push({ input, summary: undefined, mbps: Number.NaN, lane, findings, error: measurement.error });
    }
  }
  const section: Section = {
    title: 'Latency and throughput',
    description: `securityScan(text, { source: '${BENCH_SOURCE}' }) per call, single thread, after warm-up.`,
    table: {
      columns: [
        { header: 'input' },
        { header: 'size' },
        { header: 'bytes', align: 'right' },
        { header: 'lane' },
        { header: 'findings', align: 'right' },
        { header: 'n', align: 'right' },
        { header: 'p50', align: 'right' },
        { header: 'p99', align: 'right' },
        { header: 'MB/s', align: 'right' },
      ],
      rows: rows.map((row) => [
        row.input.kind,
        sizeLabel(row.input.size),
        formatBytes(row.input.size.bytes),
        row.lane,
        formatInteger(row.findings),
        row.summary ? formatInteger(row.summary.n) : (row.error ?? '–'),
        row.summary ? formatDuration(row.summary.p50) : '–',
        row.summary ? formatDuration(row.summary.p99) : '–',
        formatMBps(row.mbps),
      ]),
    },
    notes: [
      'MB/s = input bytes / mean call time (10^6 bytes per MB).',
      'Malicious inputs weave hand-written attack sentences between benign segments (about one in three).',
    ],
  };
  return { section, rows };
}

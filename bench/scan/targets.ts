import { formatDuration, formatMB, formatMBps, formatMs, formatRatio } from '../lib/format.js';
import type { Section } from '../lib/report.js';
import { atLeast, atMost } from '../lib/verdict.js';
import type { ColdStartResult } from './cold-start.js';
import { MEMORY_SCANS } from './cold-start.js';
import { NEAR_CEILING_BYTES } from './inputs.js';
import type { LatencyRow } from './latency.js';
import { LINEARITY_TARGET, type LinearityResult } from './linearity.js';

/** The scan targets from the design brief. */
export const TARGETS = {
  p50At1KiBNs: 50_000,
  throughputMBps: 20,
  coldStartMs: 150,
  rssBytes: 60_000_000,
} as const;

export interface TargetInputs {
  readonly latency: readonly LatencyRow[];
  readonly linearity: LinearityResult | undefined;
  readonly coldStart: ColdStartResult | undefined;
}

function row(latency: readonly LatencyRow[], kind: string, bytes: number): LatencyRow | undefined {
  return latency.find((r) => r.input.kind === kind && r.input.size.bytes === bytes);
}

export function targetsSection({ latency, linearity, coldStart }: TargetInputs): Section {
  const rows: string[][] = [];
  for (const kind of ['benign', 'malicious']) {
    const p50 = row(latency, kind, 1_024)?.summary?.p50 ?? Number.NaN;
    rows.push([
      `p50 latency, ${kind} 1 KiB`,
      `≤ ${formatDuration(TARGETS.p50At1KiBNs)}`,
      formatDuration(p50),
      atMost(p50, TARGETS.p50At1KiBNs),
    ]);
  }
  for (const kind of ['benign', 'malicious']) {
    const mbps = row(latency, kind, NEAR_CEILING_BYTES)?.mbps ?? Number.NaN;
    rows.push([
      `throughput, ${kind} 64 KiB, one core`,
      `≥ ${TARGETS.throughputMBps} MB/s`,
      `${formatMBps(mbps)} MB/s`,
      atLeast(mbps, TARGETS.throughputMBps),
    ]);
  }
  const worst = linearity?.worstRatio ?? Number.NaN;
  rows.push([
    `worst adversarial 64 KiB input (${linearity?.worstCase ?? 'not run'})`,
    `≤ ${LINEARITY_TARGET}× benign`,
    formatRatio(worst),
    atMost(worst, LINEARITY_TARGET),
  ]);
  const cold = coldStart?.coldStartMs ?? Number.NaN;
  const bare = coldStart?.bareReadyMs ?? Number.NaN;
  rows.push([
    'cold start: process start → import + first scan',
    `≤ ${TARGETS.coldStartMs} ms`,
    `${formatMs(cold)} (bare node ready at ${formatMs(bare)}: +${formatMs(cold - bare)})`,
    atMost(cold, TARGETS.coldStartMs),
  ]);
  const rss = coldStart?.rssBytes ?? Number.NaN;
  const bareRss = coldStart?.bareRssBytes ?? Number.NaN;
  rows.push([
    `RSS after import + ${MEMORY_SCANS.toLocaleString('en-US')} scans`,
    `≤ ${formatMB(TARGETS.rssBytes)}`,
    `${formatMB(rss)} (bare node ${formatMB(bareRss)}: +${formatMB(rss - bareRss)})`,
    atMost(rss, TARGETS.rssBytes),
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

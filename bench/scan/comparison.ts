import { formatDuration, formatInteger, formatMBps, formatRatio, throughputMBps } from '../lib/format.js';
import type { Section } from '../lib/report.js';
import { type Summary, summarize } from '../lib/stats.js';
import type { BenchInput } from './inputs.js';
import { sizeLabel } from './inputs.js';
import type { LatencyRow } from './latency.js';
import { measure } from './measure.js';
import type { Peer } from './peers/index.js';
import type { ScanSettings } from './settings.js';

type Outcome =
  | { readonly ok: true; readonly summary: Summary; readonly flagged: boolean }
  | { readonly ok: false; readonly reason: string };

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * A few un-warmed calls, stopping early once the time budget is spent. The first call's verdict
 * is the one reported, so no extra probe call is paid for.
 */
async function measureSlow(peer: Peer, text: string, settings: ScanSettings): Promise<Outcome> {
  const samples: number[] = [];
  let flagged = false;
  let spent = 0;
  while (samples.length < settings.slowPeerMaxCalls && spent < settings.slowPeerBudgetMs * 1e6) {
    const start = process.hrtime.bigint();
    const verdict = await peer.check(text);
    const took = Number(process.hrtime.bigint() - start);
    if (samples.length === 0) flagged = verdict;
    samples.push(took);
    spent += took;
  }
  return { ok: true, summary: summarize(samples), flagged };
}

async function measurePeer(peer: Peer, input: BenchInput, settings: ScanSettings): Promise<Outcome> {
  if (peer.slow && input.size.bytes > settings.slowPeerMaxBytes) {
    return {
      ok: false,
      reason: `not run above ${formatInteger(settings.slowPeerMaxBytes)} B (seconds per call)`,
    };
  }
  let flagged: boolean;
  try {
    if (peer.slow) return await measureSlow(peer, input.text, settings);
    flagged = await peer.check(input.text);
  } catch (error) {
    return { ok: false, reason: `threw ${errorText(error)}` };
  }
  const measurement = await measure(() => peer.check(input.text), settings.sampler);
  return measurement.ok
    ? { ok: true, summary: measurement.summary, flagged }
    : { ok: false, reason: measurement.error };
}

function yesNo(flagged: boolean): string {
  return flagged ? 'yes' : 'no';
}

/**
 * Peers on the same inputs as the latency table. maestro's numbers are taken from that table
 * (same inputs, same process, measured just before).
 */
export async function comparePeers(
  peers: readonly Peer[],
  maestroRows: readonly LatencyRow[],
  settings: ScanSettings,
  log: (message: string) => void,
): Promise<Section> {
  const rows: string[][] = [];
  for (const base of maestroRows) {
    const input = base.input;
    const maestroP50 = base.summary?.p50 ?? Number.NaN;
    rows.push([
      `${input.kind} ${sizeLabel(input.size)}`,
      'maestro securityScan',
      base.summary ? formatInteger(base.summary.n) : '–',
      base.summary ? formatDuration(base.summary.p50) : (base.error ?? '–'),
      base.summary ? formatDuration(base.summary.p99) : '–',
      formatMBps(base.mbps),
      yesNo(base.lane !== 'auto'),
      '1.00×',
    ]);
    for (const peer of peers) {
      log(`  ${peer.name} on ${input.name}`);
      const outcome = await measurePeer(peer, input, settings);
      const label = peer.slow
        ? `${peer.name} (≤ ${settings.slowPeerMaxCalls} calls within ${settings.slowPeerBudgetMs / 1000} s, no warm-up)`
        : peer.name;
      if (!outcome.ok) {
        rows.push(['', `${peer.name}: ${outcome.reason}`, '–', '–', '–', '–', '–', '–']);
        continue;
      }
      const { summary } = outcome;
      rows.push([
        '',
        label,
        formatInteger(summary.n),
        formatDuration(summary.p50),
        formatDuration(summary.p99),
        formatMBps(throughputMBps(input.size.bytes, summary.mean)),
        yesNo(outcome.flagged),
        formatRatio(summary.p50 / maestroP50),
      ]);
    }
  }
  return {
    title: 'Peers on the same inputs',
    description:
      'Each peer in this process on the inputs of the latency table; async peers are awaited per call.',
    table: {
      columns: [
        { header: 'input' },
        { header: 'scanner' },
        { header: 'n', align: 'right' },
        { header: 'p50', align: 'right' },
        { header: 'p99', align: 'right' },
        { header: 'MB/s', align: 'right' },
        { header: 'flags it' },
        { header: 'p50 ÷ maestro', align: 'right' },
      ],
      rows,
    },
    notes: [
      ...peers.map((peer) => `${peer.name}: ${peer.config}.`),
      'maestro "flags it" = lane is not auto. "flags it" on a benign input is a false positive; "no" on a malicious one is a miss.',
      'p50 ÷ maestro > 1 means the peer is slower than maestro on that input.',
    ],
  };
}

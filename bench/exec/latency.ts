import { formatDuration } from '../lib/format.js';
import type { Section } from '../lib/report.js';
import { median, summarize } from '../lib/stats.js';
import { benchContext, benchExecutor, type StoreKind } from './harness.js';
import type { ExecSettings } from './settings.js';

export interface LatencyConfig {
  readonly label: string;
  readonly store: StoreKind;
  readonly tool: 'bench.read' | 'bench.write';
  /** Give every call a fresh idempotency key (one more store round trip). */
  readonly keyed: boolean;
  /** readReceipts of the executor (default queued). */
  readonly readReceipts?: 'queued' | 'committed';
}

export interface LatencyRow {
  readonly config: LatencyConfig;
  readonly p50Ns: number;
  readonly p99Ns: number;
  /** Process CPU (user + system) per call, median of runs. */
  readonly cpuNs: number;
}

let keySeq = 0;

/** Untimed pause between proposals, standing in for the model call an agent makes between tool calls. */
export const AGENT_PAUSE_MS = 2;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function oneRun(
  config: LatencyConfig,
  settings: ExecSettings,
): Promise<{ samples: number[]; cpuNs: number }> {
  const bench = await benchExecutor(config.store, config.readReceipts ?? 'queued');
  try {
    const intent = (i: number) =>
      config.tool === 'bench.read'
        ? { tool: config.tool, args: { id: `r-${i % 100}`, fields: ['name', 'email'] } }
        : { tool: config.tool, args: { id: `w-${i % 100}`, value: 'x'.repeat(64) } };
    const propose = async (i: number) => {
      const outcome = await bench.executor.propose(
        config.keyed ? { ...intent(i), idempotencyKey: `k-${keySeq++}` } : intent(i),
        benchContext,
      );
      if (outcome.status !== 'succeeded') throw new Error(`bench proposal ${outcome.status}`);
    };
    for (let i = 0; i < settings.warmup; i++) {
      await propose(i);
      await pause(AGENT_PAUSE_MS);
    }
    await bench.ledger.flush();
    const samples: number[] = [];
    const cpu = process.cpuUsage();
    for (let i = 0; i < settings.samples; i++) {
      const start = process.hrtime.bigint();
      await propose(i);
      samples.push(Number(process.hrtime.bigint() - start));
      // An agent thinks (calls its model) between tool calls; the ledger writer commits meanwhile.
      await pause(AGENT_PAUSE_MS);
    }
    // Everything the proposals queued is committed inside the CPU measurement.
    await bench.ledger.flush();
    const used = process.cpuUsage(cpu);
    return { samples, cpuNs: ((used.user + used.system) * 1000) / settings.samples };
  } finally {
    await bench.close();
  }
}

/** Sequential proposals, one at a time: the latency an agent loop sees per tool call. */
export async function measureLatency(
  configs: readonly LatencyConfig[],
  settings: ExecSettings,
  log: (message: string) => void,
): Promise<{ rows: LatencyRow[]; section: Section }> {
  const rows: LatencyRow[] = [];
  for (const config of configs) {
    log(`propose latency: ${config.label}…`);
    const p50s: number[] = [];
    const p99s: number[] = [];
    const cpus: number[] = [];
    for (let run = 0; run < settings.runs; run++) {
      const { samples, cpuNs } = await oneRun(config, settings);
      const summary = summarize(samples);
      p50s.push(summary.p50);
      p99s.push(summary.p99);
      cpus.push(cpuNs);
    }
    rows.push({ config, p50Ns: median(p50s), p99Ns: median(p99s), cpuNs: median(cpus) });
  }
  return {
    rows,
    section: {
      title: 'propose latency (one call at a time)',
      description:
        'Wall time of `executor.propose` from call to outcome, one proposal after another: context and argument checks, kill switch (cached), policy decision on a 50-policy deployment, signed receipt, the tool (a no-op) and its output check; a read returns once its receipt is queued in the ledger writer, a write only once its receipt is committed.',
      table: {
        columns: [
          { header: 'configuration' },
          { header: 'p50', align: 'right' },
          { header: 'p99', align: 'right' },
          { header: 'CPU / call', align: 'right' },
        ],
        rows: rows.map((row) => [
          row.config.label,
          formatDuration(row.p50Ns),
          formatDuration(row.p99Ns),
          formatDuration(row.cpuNs),
        ]),
      },
      notes: [
        `${settings.runs} runs of ${settings.samples} proposals after ${settings.warmup} untimed ones; the table shows the median of the runs’ percentiles.`,
        `Between proposals the loop pauses ${AGENT_PAUSE_MS} ms (untimed), as an agent does while its model thinks; the ledger writer commits in those pauses.`,
        'A read returns once its signed receipt is queued in the ledger writer (readReceipts: queued, the default); a write waits until its receipt is committed before the tool starts. Result events are committed with the next batch.',
        'CPU / call is process CPU (user + system) over the whole run including the final flush: PGlite runs in the same thread, so it contains every ledger commit the proposals caused.',
      ],
    },
  };
}

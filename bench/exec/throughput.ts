import { formatInteger } from '../lib/format.js';
import type { Section } from '../lib/report.js';
import { benchContext, benchExecutor } from './harness.js';
import type { ExecSettings } from './settings.js';

export interface ThroughputRow {
  readonly concurrency: number;
  readonly perSecond: number;
  readonly cpuPerCallUs: number;
}

/** Proposals per second with N agents proposing at once (auto reads, PGlite in memory). */
export async function measureThroughput(
  settings: ExecSettings,
  log: (message: string) => void,
): Promise<{ rows: ThroughputRow[]; section: Section }> {
  const rows: ThroughputRow[] = [];
  for (const concurrency of [1, 8, 32]) {
    log(`propose throughput at concurrency ${concurrency}…`);
    const bench = await benchExecutor('memory');
    try {
      let next = 0;
      const total = settings.throughputCalls;
      const worker = async () => {
        while (next < total) {
          const i = next++;
          const outcome = await bench.executor.propose(
            { tool: 'bench.read', args: { id: `r-${i % 100}`, fields: [] } },
            benchContext,
          );
          if (outcome.status !== 'succeeded') throw new Error(`bench proposal ${outcome.status}`);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker)); // warm-up pass
      await bench.ledger.flush();
      next = 0;
      const cpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      await Promise.all(Array.from({ length: concurrency }, worker));
      // Counted until everything the proposals queued is committed.
      await bench.ledger.flush();
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const used = process.cpuUsage(cpu);
      rows.push({ concurrency, perSecond: total / seconds, cpuPerCallUs: (used.user + used.system) / total });
    } finally {
      await bench.close();
    }
  }
  return {
    rows,
    section: {
      title: 'propose throughput (auto reads, PGlite in memory)',
      description:
        'N proposers share one executor; the ledger writer batches their receipts and results into shared transactions.',
      table: {
        columns: [
          { header: 'concurrent proposers', align: 'right' },
          { header: 'proposals / s', align: 'right' },
          { header: 'CPU / proposal', align: 'right' },
        ],
        rows: rows.map((row) => [
          String(row.concurrency),
          formatInteger(Math.round(row.perSecond)),
          `${row.cpuPerCallUs.toFixed(0)} µs`,
        ]),
      },
      notes: [`${settings.throughputCalls} proposals per level after a warm-up pass of as many.`],
    },
  };
}

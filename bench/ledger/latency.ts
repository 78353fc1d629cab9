import { formatDuration, formatInteger } from '../lib/format.js';
import { currentLoadAverage } from '../lib/machine.js';
import type { Section } from '../lib/report.js';
import { type Summary, summarize } from '../lib/stats.js';
import type { BenchEngine } from './engines.js';
import { eventSource } from './inputs.js';
import { benchLedger } from './ledgers.js';
import type { LedgerSettings } from './settings.js';
import type { StoreRow } from './units.js';

export interface LatencyResult {
  readonly offered: number;
  readonly sent: number;
  /** Send → acknowledgement (the logRiskEvent promise resolving after COMMIT), ns. */
  readonly ack: Summary;
  /** Scheduled send time → acknowledgement: includes the timer's own lateness, ns. */
  readonly fromSchedule: Summary;
  readonly failed: number;
  readonly load: number;
}

const LATENCY_TENANTS = 4;

/**
 * Open loop: sends are scheduled at a fixed rate on a 1 ms timer, whatever the acknowledgements
 * do, so a slow commit shows up as latency instead of a lower offered load.
 */
async function offer(
  engine: BenchEngine,
  rate: number,
  seconds: number,
  record: boolean,
): Promise<{ ack: number[]; fromSchedule: number[]; sent: number; failed: number }> {
  const total = Math.round(rate * seconds);
  const source = eventSource(0x1a7e);
  const inputs = Array.from({ length: total }, (_, i) => source(i, `latency-t${i % LATENCY_TENANTS}`));
  const ack: number[] = [];
  const fromSchedule: number[] = [];
  const pending = new Set<Promise<void>>();
  let failed = 0;
  const ledger = benchLedger(engine);
  try {
    const start = process.hrtime.bigint();
    let sent = 0;
    await new Promise<void>((done) => {
      const tick = () => {
        const now = process.hrtime.bigint();
        const due = Math.min(total, Math.floor((Number(now - start) / 1e9) * rate) + 1);
        for (; sent < due; sent++) {
          const scheduled = start + BigInt(Math.round((sent / rate) * 1e9));
          const sentAt = process.hrtime.bigint();
          const acked = ledger.logRiskEvent(inputs[sent]!).then(
            () => {
              const at = process.hrtime.bigint();
              if (record) {
                ack.push(Number(at - sentAt));
                fromSchedule.push(Number(at - scheduled));
              }
            },
            () => {
              failed++;
            },
          );
          pending.add(acked);
          void acked.finally(() => pending.delete(acked));
        }
        if (sent < total) setTimeout(tick, 1);
        else done();
      };
      tick();
    });
    await Promise.all(pending);
    return { ack, fromSchedule, sent, failed };
  } finally {
    await ledger.close();
  }
}

export async function measureLatency(engine: BenchEngine, settings: LedgerSettings): Promise<LatencyResult> {
  await offer(engine, settings.latencyRate, settings.latencyWarmupSeconds, false);
  const run = await offer(engine, settings.latencyRate, settings.latencySeconds, true);
  return {
    offered: settings.latencyRate,
    sent: run.sent,
    ack: summarize(run.ack),
    fromSchedule: summarize(run.fromSchedule),
    failed: run.failed,
    load: currentLoadAverage(),
  };
}

export function latencySection(
  rows: ReadonlyArray<StoreRow<LatencyResult>>,
  settings: LedgerSettings,
): Section {
  return {
    title: `logRiskEvent acknowledgement latency at ${formatInteger(settings.latencyRate)} events/s (open loop)`,
    description:
      `Sends scheduled on a 1 ms timer at a steady ${formatInteger(settings.latencyRate)} events/s over ${LATENCY_TENANTS} tenants for ` +
      `${settings.latencySeconds} s (after ${settings.latencyWarmupSeconds} s of warm-up), default writer settings; ` +
      'latency is from the logRiskEvent call to its promise resolving, which happens after COMMIT.',
    table: {
      columns: [
        { header: 'store' },
        { header: 'events', align: 'right' },
        { header: 'p50', align: 'right' },
        { header: 'p99', align: 'right' },
        { header: 'max', align: 'right' },
        { header: 'p99 from schedule', align: 'right' },
        { header: 'failed', align: 'right' },
        { header: 'load (1 min)', align: 'right' },
      ],
      rows: rows.map(({ label, result }) => {
        if (typeof result === 'string') return [label, result, '', '', '', '', '', ''];
        return [
          label,
          formatInteger(result.ack.n),
          formatDuration(result.ack.p50),
          formatDuration(result.ack.p99),
          formatDuration(result.ack.max),
          formatDuration(result.fromSchedule.p99),
          formatInteger(result.failed),
          result.load.toFixed(2),
        ];
      }),
    },
    notes: [
      `Every event waits up to the writer's flushMs (2 ms by default) for company before its batch is written.`,
      'p99 from schedule also counts how late the timer fired (event-loop and machine load), not only the ledger.',
    ],
  };
}

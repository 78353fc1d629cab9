import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createPolicyEngine } from '../../src/policy/index.js';
import { formatDuration, formatInteger } from '../lib/format.js';
import type { Section } from '../lib/report.js';
import type { Deployment } from './deployment.js';
import type { PolicySettings } from './settings.js';

export interface LoopRow {
  readonly perTick: number;
  readonly decisionsPerSecond: number;
  readonly delayP99Ns: number;
  readonly delayMaxNs: number;
  readonly longestDecisionNs: number;
}

/**
 * Decides continuously for a while, `perTick` decisions per turn of the event loop (yielding with
 * setImmediate between turns), and watches how late a 1 ms timer fires meanwhile: what other
 * work on the same loop (HTTP requests, timers) would see.
 */
async function sustained(deployment: Deployment, perTick: number, ms: number): Promise<LoopRow> {
  const engine = createPolicyEngine({ policies: deployment.policies, schema: deployment.schema });
  const { requests } = deployment;
  for (let i = 0; i < 500; i++) engine.decide(requests[i % requests.length] as (typeof requests)[number]);
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let decided = 0;
  let longest = 0n;
  const start = process.hrtime.bigint();
  const end = start + BigInt(ms) * 1_000_000n;
  histogram.enable();
  await new Promise<void>((resolve) => {
    if (perTick === 0) {
      setTimeout(resolve, ms);
      return;
    }
    const turn = () => {
      for (let k = 0; k < perTick; k++) {
        const before = process.hrtime.bigint();
        engine.decide(requests[decided % requests.length] as (typeof requests)[number]);
        const took = process.hrtime.bigint() - before;
        if (took > longest) longest = took;
        decided++;
      }
      if (process.hrtime.bigint() < end) setImmediate(turn);
      else resolve();
    };
    setImmediate(turn);
  });
  histogram.disable();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return {
    perTick,
    decisionsPerSecond: decided / seconds,
    delayP99Ns: histogram.percentile(99),
    delayMaxNs: histogram.max,
    longestDecisionNs: Number(longest),
  };
}

export async function measureEventLoop(
  deployment: Deployment,
  settings: PolicySettings,
): Promise<{ section: Section; rows: LoopRow[] }> {
  const rows: LoopRow[] = [];
  for (const perTick of [0, 1, 20, 200]) rows.push(await sustained(deployment, perTick, settings.loopMs));
  return {
    rows,
    section: {
      title: `Event loop under continuous decisions (${deployment.label}, sliced)`,
      description: `Deciding without pause for ${settings.loopMs} ms, yielding to the event loop (setImmediate) after every N decisions, while a 1 ms timer measures how long it really waits; the first row is the idle loop, for comparison.`,
      table: {
        columns: [
          { header: 'decisions per turn', align: 'right' },
          { header: 'decisions/s (wall)', align: 'right' },
          { header: '1 ms timer fired after, p99', align: 'right' },
          { header: '… max', align: 'right' },
          { header: 'longest single decision', align: 'right' },
        ],
        rows: rows.map((row) => [
          row.perTick === 0 ? '0 (idle loop)' : formatInteger(row.perTick),
          row.perTick === 0 ? '–' : formatInteger(Math.round(row.decisionsPerSecond)),
          formatDuration(row.delayP99Ns),
          formatDuration(row.delayMaxNs),
          row.perTick === 0 ? '–' : formatDuration(row.longestDecisionNs),
        ]),
      },
      notes: [
        'decide() is synchronous and does no I/O: one decision holds the loop for its own duration only. A caller deciding many in a row should yield between batches; the delay grows with the batch.',
        'perf_hooks.monitorEventLoopDelay with a 1 ms resolution: the interval its timer really took, so about 1.1 ms on an idle loop. The longest decision includes any garbage collection that fell into it.',
      ],
    },
  };
}

import { formatDuration } from '../lib/format.js';
import type { Section } from '../lib/report.js';
import { atMost, type Verdict } from '../lib/verdict.js';
import type { LoopRow } from './eventLoop.js';
import type { LatencyRow } from './latency.js';

/** The policy target from issue 5: a decision costs at most 200 µs p50 with 50 policies deployed. */
export const TARGETS = { p50At50PoliciesUs: 200 } as const;

export function targetsSection(latency: readonly LatencyRow[], loop: readonly LoopRow[]): Section {
  const us = (value: number) => formatDuration(value * 1_000);
  const rows: string[][] = [];
  for (const row of latency) {
    if (row.config.evaluation !== 'sliced' || row.config.deployment.label.includes('none scoped')) continue;
    const isTarget = row.config.deployment.count === 50;
    rows.push([
      `p50 decision, ${row.config.deployment.label}, sliced (CPU)`,
      isTarget ? `≤ ${us(TARGETS.p50At50PoliciesUs)}` : '–',
      us(row.cpuP50Us),
      isTarget ? atMost(row.cpuP50Us, TARGETS.p50At50PoliciesUs) : 'n/a',
    ]);
  }
  const compared = latency.filter((row) => row.sameAsWholeSet !== undefined);
  const same = compared.filter((row) => row.sameAsWholeSet === true).length;
  const verdict: Verdict = compared.length === 0 ? 'n/a' : same === compared.length ? 'PASS' : 'MISS';
  rows.push([
    'sliced decisions equal whole-set decisions (request mix)',
    'all equal',
    `${same}/${compared.length} configurations`,
    verdict,
  ]);
  const idle = loop.find((row) => row.perTick === 0);
  const single = loop.find((row) => row.perTick === 1);
  if (idle !== undefined && single !== undefined) {
    rows.push([
      '1 ms timer p99 while deciding one per turn (idle loop in brackets)',
      '–',
      `${formatDuration(single.delayP99Ns)} (${formatDuration(idle.delayP99Ns)})`,
      'n/a',
    ]);
  }
  return {
    title: 'Targets',
    table: {
      columns: [{ header: 'target' }, { header: 'goal' }, { header: 'measured' }, { header: 'verdict' }],
      rows,
    },
    notes: [
      'Only the 50-policy figure has a target; 10 and 100 show how the cost grows with the deployment.',
    ],
  };
}

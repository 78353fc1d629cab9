import { formatDuration } from '../lib/format.js';
import type { Section } from '../lib/report.js';
import { atMost } from '../lib/verdict.js';
import type { LatencyRow } from './latency.js';

/** Issue 5: propose of an auto read tool, policy + schema check + receipt write on PGlite, p50 ≤ 300 µs. */
export const TARGETS = { proposeP50Us: 300 } as const;

export function targetsSection(rows: readonly LatencyRow[]): Section {
  const table: string[][] = [];
  for (const row of rows) {
    const target =
      row.config.tool === 'bench.read' && !row.config.keyed && row.config.readReceipts !== 'committed';
    table.push([
      `p50 propose, ${row.config.label}`,
      target ? `≤ ${formatDuration(TARGETS.proposeP50Us * 1000)}` : '–',
      formatDuration(row.p50Ns),
      target ? atMost(row.p50Ns / 1000, TARGETS.proposeP50Us) : 'n/a',
    ]);
  }
  return {
    title: 'Targets',
    table: {
      columns: [{ header: 'target' }, { header: 'goal' }, { header: 'measured' }, { header: 'verdict' }],
      rows: table,
    },
    notes: [
      'The target covers an auto read without an idempotency key; the other rows show what a write (receipt committed before the tool starts) and a key cost on top.',
    ],
  };
}

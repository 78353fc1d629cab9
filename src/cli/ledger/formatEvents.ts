import type { RiskEvent, RiskStats, VerifyReport } from '../../ledger/index.js';

function pad(text: string, width: number): string {
  return text.length >= width ? text.slice(0, width) : text + ' '.repeat(width - text.length);
}

/** One event per line for people: time, seq, type, lane, severity, detector, preview. */
export function eventTable(events: readonly RiskEvent[]): string {
  const lines = [
    `${pad('time', 24)} ${pad('seq', 7)} ${pad('type', 16)} ${pad('lane', 7)} ${pad('severity', 8)} ${pad('detector', 32)} preview`,
  ];
  for (const e of events) {
    lines.push(
      `${pad(e.time, 24)} ${pad(String(e.seq), 7)} ${pad(e.type, 16)} ${pad(e.lane ?? '-', 7)} ${pad(e.severity, 8)} ${pad(e.detector, 32)} ${e.preview}`,
    );
  }
  return lines.join('\n');
}

export function statsTable(stats: RiskStats): string {
  const lines = [
    `tenant ${stats.tenantId}: ${stats.total} events from ${stats.from} to ${stats.to}, ${stats.bucket} buckets`,
    '',
    `${pad('bucket start', 24)} ${pad('total', 7)} ${pad('injection', 9)} ${pad('block', 6)} ${pad('confirm', 7)} spike`,
  ];
  for (const b of stats.buckets) {
    if (b.total === 0) continue;
    lines.push(
      `${pad(b.start, 24)} ${pad(String(b.total), 7)} ${pad(String(b.byType.injection ?? 0), 9)} ${pad(String(b.byLane.block ?? 0), 6)} ${pad(String(b.byLane.confirm ?? 0), 7)} ${b.spike ? 'SPIKE' : ''}`,
    );
  }
  lines.push('', 'top detectors:');
  for (const d of stats.topDetectors) lines.push(`  ${pad(String(d.count), 7)} ${d.detector}`);
  return lines.join('\n');
}

export function verifyTable(reports: readonly VerifyReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(
      `${r.ok ? 'OK      ' : 'TAMPERED'} tenant ${r.tenantId}: ${r.events} events, ${r.heads} signed heads, root ${r.rootHash}`,
    );
    for (const p of r.problems) {
      const where = [
        p.seq === undefined ? '' : `seq ${p.seq}`,
        p.eventId === undefined ? '' : `event ${p.eventId}`,
        p.headIndex === undefined ? '' : `head ${p.headIndex}`,
      ]
        .filter((s) => s !== '')
        .join(', ');
      lines.push(
        `  ${p.level === 'error' ? 'error  ' : 'warning'} ${p.code}${where ? ` (${where})` : ''}: ${p.message}`,
      );
    }
  }
  if (reports.length === 0) lines.push('The ledger has no tenants yet.');
  return lines.join('\n');
}

import type { ScanRecord } from './scanRecord.js';

function pad(text: string, width: number): string {
  return text.length >= width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** A fixed-width table for people; JSON lines remain the format for machines. */
export function formatTableHeader(): string {
  return `${pad('id', 24)} ${pad('lane', 8)} ${pad('score', 6)} categories`;
}

export function formatTableRow(record: ScanRecord): string {
  const categories = [...new Set(record.findings.map((f) => f.category))].join(', ');
  const detail = record.error ? record.error.code : categories || '-';
  return `${pad(record.id, 24)} ${pad(record.lane, 8)} ${pad(record.score.toFixed(2), 6)} ${detail}`;
}

/** Number formatting for tables. Durations come in nanoseconds. */

export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) return '–';
  if (ns < 1_000) return `${ns.toFixed(0)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(ns < 10_000 ? 2 : 1)} µs`;
  if (ns < 1_000_000_000) return `${(ns / 1_000_000).toFixed(ns < 10_000_000 ? 2 : 1)} ms`;
  return `${(ns / 1_000_000_000).toFixed(2)} s`;
}

export function formatMs(ms: number): string {
  return Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : '–';
}

/** Megabytes per second, MB = 10^6 bytes. */
export function throughputMBps(bytes: number, ns: number): number {
  return ns > 0 ? (bytes / ns) * 1_000 : Number.NaN;
}

export function formatMBps(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 0.01) return '<0.01';
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

/** Memory in MB (10^6 bytes). */
export function formatMB(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1_000_000).toFixed(1)} MB` : '–';
}

export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 10) return `${value.toFixed(2)}×`;
  return `${Math.round(value).toLocaleString('en-US')}×`;
}

/** Byte counts such as `65,520 B`. */
export function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} B`;
}

export function formatInteger(value: number): string {
  return value.toLocaleString('en-US');
}

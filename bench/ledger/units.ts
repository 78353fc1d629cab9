import { formatInteger } from '../lib/format.js';

/** Events per second, rounded; '–' when not measured. */
export function rate(value: number): string {
  return Number.isFinite(value) ? formatInteger(Math.round(value)) : '–';
}

/** A CPU time per event in microseconds; '–' when not measured. */
export function micros(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)} µs` : '–';
}

/** `total` (µs) over `count` events; NaN when the total is unknown. */
export function perEvent(total: number | undefined, count: number): number {
  return total === undefined || count === 0 ? Number.NaN : total / count;
}

/** What a table row holds for a store: a result, or why there is none. */
export interface StoreRow<T> {
  readonly label: string;
  readonly result: T | string;
}

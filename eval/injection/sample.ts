import type { InjectionRow } from './rows.js';

/** A fixed, evenly spaced sample: rows sorted by id, every (n / size)-th row. Same rows every run. */
export function fixedSample(rows: readonly InjectionRow[], size: number): InjectionRow[] {
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (sorted.length <= size) return sorted;
  const step = sorted.length / size;
  return Array.from({ length: size }, (_, i) => sorted[Math.floor(i * step)]!);
}

import type { Family, FileLabel } from './labels.js';

/** One scored credential: a line or a block of lines of one document. */
export interface Unit {
  readonly from: number;
  readonly to: number;
  readonly family: Family;
}

export interface ParsedLabel {
  readonly units: readonly Unit[];
  readonly ignored: readonly (readonly [number, number])[];
}

/**
 * Parses a line spec: comma-separated `N`, `N-M` (one unit over lines N..M) or `N..M` (one unit per
 * line), each optionally followed by `@family`.
 */
export function parseSpec(spec: string | undefined, family: Family, where: string): Unit[] {
  if (!spec) return [];
  const units: Unit[] = [];
  for (const raw of spec.split(',')) {
    const [range = '', override] = raw.trim().split('@');
    const fam = (override as Family | undefined) ?? family;
    const each = range.split('..');
    const span = range.split('-');
    const num = (s: string | undefined): number => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${where}: bad line spec "${raw}"`);
      return n;
    };
    if (each.length === 2) {
      const a = num(each[0]);
      const b = num(each[1]);
      for (let line = a; line <= b; line++) units.push({ from: line, to: line, family: fam });
    } else if (span.length === 2) {
      units.push({ from: num(span[0]), to: num(span[1]), family: fam });
    } else {
      const line = num(range);
      units.push({ from: line, to: line, family: fam });
    }
  }
  return units;
}

export function parseLabel(label: FileLabel): ParsedLabel {
  return {
    units: parseSpec(label.positive, label.family, label.file),
    ignored: parseSpec(label.ignore, label.family, label.file).map((u) => [u.from, u.to] as const),
  };
}

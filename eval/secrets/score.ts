import type { Doc } from './corpus.js';
import type { SecretDetector } from './detector.js';
import type { Family } from './labels.js';

/** Counts for one family (or group of families) and one detector. */
export interface Tally {
  /** Labelled credentials. */
  readonly units: number;
  readonly tp: number;
  readonly fn: number;
  /** Reported lines that are neither inside a credential nor ignored, in files of this family. */
  readonly fp: number;
}

export const EMPTY: Tally = { units: 0, tp: 0, fn: 0, fp: 0 };

export function add(a: Tally, b: Tally): Tally {
  return { units: a.units + b.units, tp: a.tp + b.tp, fn: a.fn + b.fn, fp: a.fp + b.fp };
}

export function precisionOf(t: Tally): number | undefined {
  return t.tp + t.fp === 0 ? undefined : t.tp / (t.tp + t.fp);
}

export function recallOf(t: Tally): number | undefined {
  return t.units === 0 ? undefined : t.tp / t.units;
}

export function f1Of(t: Tally): number | undefined {
  const p = precisionOf(t);
  const r = recallOf(t);
  return p === undefined || r === undefined || p + r === 0 ? undefined : (2 * p * r) / (p + r);
}

/** What one detector did on one document. */
export interface DocOutcome {
  readonly doc: Doc;
  /** For each labelled unit, whether a reported line fell inside it. */
  readonly detected: readonly boolean[];
  /** Reported lines outside every unit and ignored range. */
  readonly falsePositiveLines: readonly number[];
}

export interface DetectorRun {
  readonly detector: SecretDetector;
  readonly outcomes: readonly DocOutcome[];
  /** Wall time of all `hitLines` calls, in milliseconds. */
  readonly ms: number;
}

export function scoreDoc(doc: Doc, hits: ReadonlySet<number>): DocOutcome {
  const detected = doc.units.map(() => false);
  const falsePositiveLines: number[] = [];
  for (const line of [...hits].sort((a, b) => a - b)) {
    if (doc.ignored.some(([from, to]) => line >= from && line <= to)) continue;
    let inside = false;
    doc.units.forEach((unit, index) => {
      if (line >= unit.from && line <= unit.to) {
        detected[index] = true;
        inside = true;
      }
    });
    if (!inside) falsePositiveLines.push(line);
  }
  return { doc, detected, falsePositiveLines };
}

export async function runDetector(
  detector: SecretDetector,
  docs: readonly Doc[],
  progress?: (message: string) => void,
): Promise<DetectorRun> {
  const outcomes: DocOutcome[] = [];
  const started = performance.now();
  for (const doc of docs) outcomes.push(scoreDoc(doc, await detector.hitLines(doc)));
  const ms = performance.now() - started;
  progress?.(`${detector.name}: ${docs.length} files in ${(ms / 1000).toFixed(1)} s`);
  return { detector, outcomes, ms };
}

/** Tallies of a run, keyed by family: units by their own family, false positives by their file's family. */
export function tallyByFamily(run: DetectorRun): Map<Family, Tally> {
  const tallies = new Map<Family, Tally>();
  const bump = (family: Family, delta: Partial<Tally>): void => {
    tallies.set(family, add(tallies.get(family) ?? EMPTY, { ...EMPTY, ...delta }));
  };
  for (const { doc, detected, falsePositiveLines } of run.outcomes) {
    doc.units.forEach((unit, index) => {
      bump(unit.family, detected[index] ? { units: 1, tp: 1 } : { units: 1, fn: 1 });
    });
    if (falsePositiveLines.length > 0) bump(doc.family, { fp: falsePositiveLines.length });
  }
  return tallies;
}

export function sumFamilies(tallies: ReadonlyMap<Family, Tally>, families: readonly Family[]): Tally {
  return families.reduce((sum, family) => add(sum, tallies.get(family) ?? EMPTY), EMPTY);
}

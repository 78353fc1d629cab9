import type { ScanOutputOptions } from '../../src/output/index.js';
import { summarize } from '../lib/stats.js';
import { type Measurement, measure } from '../scan/measure.js';
import type { OutputSettings } from './settings.js';
import { probe, type ScanOutputFn } from './subject.js';

/** Timings of `scanOutput` on one input, with the lane and finding count of one call. */
export interface OutputMeasurement {
  readonly lane: string;
  readonly findings: number;
  readonly measurement: Measurement;
  /** The first call took longer than `singleShotMs`, so it is the only sample. */
  readonly singleShot: boolean;
}

/**
 * Times one probe call first: an input that takes seconds per call (a super-linear path) is
 * reported from that one call instead of being sampled for the whole budget.
 */
export async function measureScanOutput(
  scanOutput: ScanOutputFn,
  text: string,
  options: ScanOutputOptions,
  settings: OutputSettings,
): Promise<OutputMeasurement> {
  const start = process.hrtime.bigint();
  const { lane, findings } = probe(scanOutput, text, options);
  const firstNs = Number(process.hrtime.bigint() - start);
  if (lane !== 'threw' && firstNs > settings.singleShotMs * 1_000_000) {
    return { lane, findings, measurement: { ok: true, summary: summarize([firstNs]) }, singleShot: true };
  }
  const measurement = await measure(() => scanOutput(text, options), settings.sampler);
  return { lane, findings, measurement, singleShot: false };
}

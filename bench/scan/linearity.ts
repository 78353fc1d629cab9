import { formatDuration, formatRatio } from '../lib/format.js';
import type { Section } from '../lib/report.js';
import { atMost } from '../lib/verdict.js';
import { ADVERSARIAL_CASES } from './adversarial.js';
import { benignText, NEAR_CEILING_BYTES } from './inputs.js';
import { measure } from './measure.js';
import type { ScanSettings } from './settings.js';
import { BENCH_SOURCE, type ScanFn, scanOnce } from './subject.js';

/** Adversarial inputs must cost at most this multiple of benign text of the same size. */
export const LINEARITY_TARGET = 3;

export interface LinearityResult {
  readonly section: Section;
  /** The largest p50 ratio over all cases (NaN when none could be measured). */
  readonly worstRatio: number;
  readonly worstCase: string;
}

async function probeLane(scan: ScanFn, text: string): Promise<string> {
  try {
    return (await scanOnce(scan, text)).lane;
  } catch {
    return 'threw';
  }
}

export async function measureLinearity(scan: ScanFn, settings: ScanSettings): Promise<LinearityResult> {
  const bytes = NEAR_CEILING_BYTES;
  const baselineText = benignText(bytes);
  const baseLane = await probeLane(scan, baselineText);
  const baseline = await measure(() => scan(baselineText, { source: BENCH_SOURCE }), settings.sampler);
  const baseP50 = baseline.ok ? baseline.summary.p50 : Number.NaN;
  const rows: string[][] = [
    [
      'benign prose (baseline)',
      'the benign 64 KiB input',
      baseLane,
      baseline.ok ? formatDuration(baseline.summary.p50) : baseline.error,
      baseline.ok ? formatDuration(baseline.summary.p99) : '–',
      '1.00×',
      '',
    ],
  ];
  let worstRatio = Number.NaN;
  let worstCase = '–';
  for (const adversarial of ADVERSARIAL_CASES) {
    const text = adversarial.build(bytes);
    const lane = await probeLane(scan, text);
    const measurement = await measure(() => scan(text, { source: BENCH_SOURCE }), settings.sampler);
    if (!measurement.ok) {
      rows.push([adversarial.name, adversarial.description, lane, measurement.error, '–', '–', 'n/a']);
      continue;
    }
    const ratio = measurement.summary.p50 / baseP50;
    if (!(ratio <= worstRatio)) {
      worstRatio = ratio;
      worstCase = adversarial.name;
    }
    rows.push([
      adversarial.name,
      adversarial.description,
      lane,
      formatDuration(measurement.summary.p50),
      formatDuration(measurement.summary.p99),
      formatRatio(ratio),
      atMost(ratio, LINEARITY_TARGET),
    ]);
  }
  return {
    section: {
      title: `Adversarial inputs at ${bytes.toLocaleString('en-US')} bytes`,
      description: `Cost of each input as a ratio of p50 to benign prose of the same UTF-8 size; target ≤ ${LINEARITY_TARGET}× (linear time).`,
      table: {
        columns: [
          { header: 'input' },
          { header: 'what' },
          { header: 'lane' },
          { header: 'p50', align: 'right' },
          { header: 'p99', align: 'right' },
          { header: 'p50 ratio', align: 'right' },
          { header: `≤ ${LINEARITY_TARGET}×` },
        ],
        rows,
      },
      notes: [
        'Inputs are just under the 65,536-byte default ceiling, so they are scanned rather than rejected.',
      ],
    },
    worstRatio,
    worstCase,
  };
}

import type { Sink } from '../../src/output/index.js';
import { formatDuration, formatInteger, formatMBps, formatRatio, throughputMBps } from '../lib/format.js';
import type { Section } from '../lib/report.js';
import { atMost } from '../lib/verdict.js';
import { LINEARITY_TARGET } from '../scan/linearity.js';
import { OUTPUT_ADVERSARIAL_CASES } from './adversarial.js';
import { KIB_64, outputText } from './inputs.js';
import { measureScanOutput, type OutputMeasurement } from './measure.js';
import type { OutputSettings } from './settings.js';
import type { ScanOutputFn } from './subject.js';

export interface OutputLinearityResult {
  readonly section: Section;
  /** The largest p50 ratio over all cases (NaN when none could be measured). */
  readonly worstRatio: number;
  readonly worstCase: string;
}

function cells(m: OutputMeasurement, bytes: number): string[] {
  if (!m.measurement.ok) return [m.lane, '–', m.measurement.error, '–', '–'];
  const { summary } = m.measurement;
  return [
    m.lane,
    formatInteger(m.findings),
    `${formatDuration(summary.p50)}${m.singleShot ? ' (1 call)' : ''}`,
    formatDuration(summary.p99),
    formatMBps(throughputMBps(bytes, summary.mean)),
  ];
}

/** Each adversarial input against clean prose of the same size scanned for the same sink. */
export async function measureOutputLinearity(
  scanOutput: ScanOutputFn,
  settings: OutputSettings,
): Promise<OutputLinearityResult> {
  const bytes = KIB_64;
  const baselineText = outputText('clean', bytes);
  const sinks = [...new Set<Sink>(OUTPUT_ADVERSARIAL_CASES.map((c) => c.sink))];
  const baselines = new Map<Sink, number>();
  const rows: string[][] = [];
  for (const sink of sinks) {
    const m = await measureScanOutput(scanOutput, baselineText, { sink }, settings);
    baselines.set(sink, m.measurement.ok ? m.measurement.summary.p50 : Number.NaN);
    rows.push([
      `clean prose (baseline, ${sink})`,
      'the clean 64 KiB output',
      sink,
      ...cells(m, bytes),
      '1.00×',
      '',
    ]);
  }
  let worstRatio = Number.NaN;
  let worstCase = '–';
  for (const adversarial of OUTPUT_ADVERSARIAL_CASES) {
    const text = adversarial.build(bytes);
    const m = await measureScanOutput(scanOutput, text, { sink: adversarial.sink }, settings);
    const ratio = m.measurement.ok
      ? m.measurement.summary.p50 / (baselines.get(adversarial.sink) ?? Number.NaN)
      : Number.NaN;
    if (!(ratio <= worstRatio)) {
      worstRatio = ratio;
      worstCase = adversarial.name;
    }
    rows.push([
      adversarial.name,
      adversarial.description,
      adversarial.sink,
      ...cells(m, bytes),
      formatRatio(ratio),
      atMost(ratio, LINEARITY_TARGET),
    ]);
  }
  return {
    section: {
      title: `Adversarial outputs at ${bytes.toLocaleString('en-US')} bytes`,
      description: `scanOutput cost of each input as a ratio of p50 to clean prose of the same UTF-8 size and sink; target ≤ ${LINEARITY_TARGET}× (linear time).`,
      table: {
        columns: [
          { header: 'input' },
          { header: 'what' },
          { header: 'sink' },
          { header: 'lane' },
          { header: 'findings', align: 'right' },
          { header: 'p50', align: 'right' },
          { header: 'p99', align: 'right' },
          { header: 'MB/s', align: 'right' },
          { header: 'p50 ratio', align: 'right' },
          { header: `≤ ${LINEARITY_TARGET}×` },
        ],
        rows,
      },
      notes: [
        `An input whose first call takes over ${formatDuration(settings.singleShotMs * 1_000_000)} is timed once ("1 call") rather than sampled.`,
      ],
    },
    worstRatio,
    worstCase,
  };
}

import { createPolicyEngine, type PolicyDecision, type PolicyEngine } from '../../src/policy/index.js';
import { formatDuration, formatInteger } from '../lib/format.js';
import type { Section } from '../lib/report.js';
import { median } from '../lib/stats.js';
import type { Deployment } from './deployment.js';
import type { PolicySettings } from './settings.js';
import { type RunSummary, summarizeRun, timeCalls, warm } from './timing.js';

export type Evaluation = 'sliced' | 'whole set' | 'sliced + Cedar validation';

export interface LatencyConfig {
  readonly deployment: Deployment;
  readonly evaluation: Evaluation;
}

export interface LatencyRow {
  readonly config: LatencyConfig;
  /** Mean number of policies Cedar evaluates per decision over the request mix. */
  readonly evaluated: number;
  /** Medians over runs of each run's percentiles. CPU in µs, wall in ns. */
  readonly cpuP50Us: number;
  readonly cpuP99Us: number;
  readonly cpuMeanUs: number;
  readonly wallP50Ns: number;
  readonly wallP99Ns: number;
  /** Every decision of the mix equals the whole set's decision (undefined for the whole set itself). */
  readonly sameAsWholeSet: boolean | undefined;
  readonly lanes: string;
}

function engineFor(config: LatencyConfig): PolicyEngine {
  const { deployment, evaluation } = config;
  return createPolicyEngine({
    policies: deployment.policies,
    schema: deployment.schema,
    slicing: evaluation !== 'whole set',
    cedarValidation: evaluation === 'sliced + Cedar validation',
  });
}

function sameDecisions(a: readonly PolicyDecision[], b: readonly PolicyDecision[]): boolean {
  return a.length === b.length && a.every((decision, i) => JSON.stringify(decision) === JSON.stringify(b[i]));
}

function laneMix(decisions: readonly PolicyDecision[]): string {
  const counts = new Map<string, number>();
  for (const d of decisions) {
    const key = d.errors.length > 0 ? 'error' : d.lane;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return ['auto', 'confirm', 'block', 'error']
    .filter((lane) => counts.has(lane))
    .map((lane) => `${counts.get(lane)} ${lane}`)
    .join(', ');
}

/**
 * Decision latency per configuration. Runs are interleaved across configurations so that a
 * burst of load on the shared machine spreads over all of them; each figure is the median of
 * the runs' percentiles.
 */
export function measureLatency(
  configs: readonly LatencyConfig[],
  settings: PolicySettings,
  log: (message: string) => void,
): { section: Section; rows: LatencyRow[] } {
  const engines = configs.map(engineFor);
  const wholeSets = new Map<Deployment, PolicyEngine>();
  for (const config of configs) {
    if (!wholeSets.has(config.deployment))
      wholeSets.set(config.deployment, engineFor({ deployment: config.deployment, evaluation: 'whole set' }));
  }
  const runs: RunSummary[][][] = configs.map(() => []);
  for (let run = 0; run < settings.runs; run++) {
    log(`latency run ${run + 1}/${settings.runs}…`);
    for (const [c, config] of configs.entries()) {
      const engine = engines[c];
      if (engine === undefined) continue;
      const { requests } = config.deployment;
      const decide = (i: number) => engine.decide(requests[i % requests.length] as (typeof requests)[number]);
      warm(decide, settings.warmup);
      const timings = timeCalls(decide, settings.samples);
      runs[c]?.push([summarizeRun(timings.cpuUs), summarizeRun(timings.wallNs)]);
    }
  }
  const rows = configs.map((config, c): LatencyRow => {
    const engine = engines[c] as PolicyEngine;
    const whole = wholeSets.get(config.deployment) as PolicyEngine;
    const decisions = config.deployment.requests.map((request) => engine.decide(request));
    const reference = config.deployment.requests.map((request) => whole.decide(request));
    const toolSlices = engine.tools.map((tool) => tool.policies.length);
    const cpu = (runs[c] ?? []).map(([summary]) => summary as RunSummary);
    const wall = (runs[c] ?? []).map(([, summary]) => summary as RunSummary);
    return {
      config,
      evaluated: toolSlices.reduce((sum, n) => sum + n, 0) / Math.max(1, toolSlices.length),
      cpuP50Us: median(cpu.map((s) => s.p50)),
      cpuP99Us: median(cpu.map((s) => s.p99)),
      cpuMeanUs: median(cpu.map((s) => s.mean)),
      wallP50Ns: median(wall.map((s) => s.p50)),
      wallP99Ns: median(wall.map((s) => s.p99)),
      sameAsWholeSet: config.evaluation === 'whole set' ? undefined : sameDecisions(decisions, reference),
      lanes: laneMix(decisions),
    };
  });
  const us = (value: number) => formatDuration(value * 1_000);
  return {
    rows,
    section: {
      title: 'Decision latency',
      description: `engine.decide(request) over a mix of ${configs[0]?.deployment.requests.length ?? 0} requests (one per tool), single thread, after warm-up; ${settings.runs} interleaved runs of ${formatInteger(settings.samples)} decisions, median of the runs' percentiles.`,
      table: {
        columns: [
          { header: 'deployment' },
          { header: 'evaluated against' },
          { header: 'policies per decision', align: 'right' },
          { header: 'p50 CPU', align: 'right' },
          { header: 'p99 CPU', align: 'right' },
          { header: 'p50 wall', align: 'right' },
          { header: 'p99 wall', align: 'right' },
          { header: 'decisions/s (one core)', align: 'right' },
          { header: 'same decisions as whole set' },
          { header: 'lanes of the mix' },
        ],
        rows: rows.map((row) => [
          row.config.deployment.label,
          row.config.evaluation,
          row.evaluated.toFixed(1),
          us(row.cpuP50Us),
          us(row.cpuP99Us),
          formatDuration(row.wallP50Ns),
          formatDuration(row.wallP99Ns),
          formatInteger(Math.round(1_000_000 / row.cpuMeanUs)),
          row.sameAsWholeSet === undefined ? '–' : row.sameAsWholeSet ? 'yes' : 'NO',
          row.lanes,
        ]),
      },
      notes: [
        'CPU = process.cpuUsage() around each call (µs resolution): what a decision costs, unaffected by waiting for a core on the shared machine. Wall = process.hrtime around the same call.',
        'Policies per decision = mean size of the slice Cedar evaluates for the tools of the mix (the whole set when not sliced).',
        'decisions/s = 1 / mean CPU per decision: the ceiling of one core doing nothing else.',
        'Mix: 20 tools (6 read, 5 write, 2 destructive, 3 financial, 4 external); 10% of the policies are global guards, 20% per effect group, 70% per tool.',
      ],
    },
  };
}

import type { Suite, SuiteOptions, SuiteReport } from '../lib/report.js';
import { measureBreakdown } from './breakdown.js';
import { scopedDeployment, unscopedDeployment } from './deployment.js';
import { measureEventLoop } from './eventLoop.js';
import { type LatencyConfig, measureLatency } from './latency.js';
import { policySettings } from './settings.js';
import { targetsSection } from './targets.js';

const TITLE = 'policy — Cedar decisions';

async function run({ quick, onSection, log }: SuiteOptions): Promise<SuiteReport> {
  const settings = policySettings(quick);
  const [ten, fifty, hundred] = [10, 50, 100].map(scopedDeployment);
  if (ten === undefined || fifty === undefined || hundred === undefined) throw new Error('no deployment');
  const configs: LatencyConfig[] = [
    { deployment: ten, evaluation: 'sliced' },
    { deployment: ten, evaluation: 'whole set' },
    { deployment: fifty, evaluation: 'sliced' },
    { deployment: fifty, evaluation: 'whole set' },
    { deployment: fifty, evaluation: 'sliced + Cedar validation' },
    { deployment: hundred, evaluation: 'sliced' },
    { deployment: hundred, evaluation: 'whole set' },
    { deployment: unscopedDeployment(50), evaluation: 'sliced' },
  ];

  const latency = measureLatency(configs, settings, log);
  onSection(latency.section);
  log('breakdown…');
  const breakdown = measureBreakdown(fifty, settings);
  onSection(breakdown);
  log('event loop…');
  const loop = await measureEventLoop(fifty, settings);
  onSection(loop.section);
  const targets = targetsSection(latency.rows, loop.rows);
  onSection(targets);
  return { id: 'policy', title: TITLE, sections: [targets, latency.section, breakdown, loop.section] };
}

export const policySuite: Suite = { id: 'policy', title: TITLE, run };

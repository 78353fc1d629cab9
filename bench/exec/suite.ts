import type { Suite, SuiteOptions, SuiteReport } from '../lib/report.js';
import { measureBreakdown } from './breakdown.js';
import { type LatencyConfig, measureLatency } from './latency.js';
import { execSettings } from './settings.js';
import { targetsSection } from './targets.js';
import { measureThroughput } from './throughput.js';

const TITLE = 'exec — guarded execution (executor.propose)';

async function run({ quick, onSection, log }: SuiteOptions): Promise<SuiteReport> {
  const settings = execSettings(quick);
  const configs: LatencyConfig[] = [
    { label: 'auto read, PGlite in memory', store: 'memory', tool: 'bench.read', keyed: false },
    { label: 'auto read, PGlite data directory', store: 'data directory', tool: 'bench.read', keyed: false },
    {
      label: 'auto read, receipt committed before returning (readReceipts: committed)',
      store: 'memory',
      tool: 'bench.read',
      keyed: false,
      readReceipts: 'committed',
    },
    {
      label: 'auto read with an idempotency key, PGlite in memory',
      store: 'memory',
      tool: 'bench.read',
      keyed: true,
    },
    { label: 'auto write, PGlite in memory', store: 'memory', tool: 'bench.write', keyed: false },
  ];
  const latency = await measureLatency(configs, settings, log);
  onSection(latency.section);
  log('breakdown…');
  const breakdown = await measureBreakdown(settings);
  onSection(breakdown);
  const throughput = await measureThroughput(settings, log);
  onSection(throughput.section);
  const targets = targetsSection(latency.rows);
  onSection(targets);
  return { id: 'exec', title: TITLE, sections: [targets, latency.section, breakdown, throughput.section] };
}

export const execSuite: Suite = { id: 'exec', title: TITLE, run };

import type { Section, Suite, SuiteOptions, SuiteReport } from '../lib/report.js';
import { type ColdStartResult, measureColdStart } from './cold-start.js';
import { comparePeers } from './comparison.js';
import { DIST_SCAN_ENTRY, ensureDist } from './dist.js';
import { buildInput, SIZES, standardInputs } from './inputs.js';
import { measureLatency } from './latency.js';
import { measureLinearity } from './linearity.js';
import { createPeers } from './peers/index.js';
import { scanSettings } from './settings.js';
import { loadSecurityScan, subjectExists, subjectPath } from './subject.js';
import { targetsSection } from './targets.js';

const KIB_1 = SIZES.find((size) => size.bytes === 1_024);
const KIB_10 = SIZES.find((size) => size.bytes === 10_240);

async function run({ quick, onSection, log }: SuiteOptions): Promise<SuiteReport> {
  if (!subjectExists()) throw new Error(`securityScan is not there yet: ${subjectPath()} is missing`);
  const settings = scanSettings(quick);
  const scan = await loadSecurityScan();
  const inputs = standardInputs();

  log('latency and throughput…');
  const latency = await measureLatency(scan, inputs, settings);
  onSection(latency.section);

  log('adversarial inputs…');
  const linearity = await measureLinearity(scan, settings);
  onSection(linearity.section);

  log('cold start and memory…');
  let coldStart: ColdStartResult | undefined;
  const dist = ensureDist(log);
  const coldSections: Section[] = [];
  if (dist.ready && KIB_1 && KIB_10) {
    const memoryInputs = [KIB_1, KIB_10].flatMap((size) => [
      buildInput('benign', size),
      buildInput('malicious', size),
    ]);
    coldStart = measureColdStart(
      DIST_SCAN_ENTRY,
      buildInput('malicious', KIB_1),
      memoryInputs,
      settings.coldRuns,
      dist.note,
    );
    coldSections.push(coldStart.section);
  } else {
    coldSections.push({
      title: 'Cold start and memory (fresh child process)',
      table: { columns: [{ header: 'status' }], rows: [['not measured']] },
      notes: [dist.note],
    });
  }
  for (const section of coldSections) onSection(section);

  log('peers…');
  const peers = await comparePeers(createPeers(), latency.rows, settings, log);
  onSection(peers);

  const targets = targetsSection({ latency: latency.rows, linearity, coldStart });
  onSection(targets);
  return {
    id: 'scan',
    title: 'scan — securityScan',
    sections: [targets, latency.section, linearity.section, ...coldSections, peers],
  };
}

export const scanSuite: Suite = { id: 'scan', title: 'scan — securityScan', run };

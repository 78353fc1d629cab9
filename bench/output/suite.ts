import type { Suite, SuiteOptions, SuiteReport } from '../lib/report.js';
import { standardOutputInputs } from './inputs.js';
import { measureOutputLatency } from './latency.js';
import { measureOutputLinearity } from './linearity.js';
import { outputSettings } from './settings.js';
import { measureStreaming } from './stream.js';
import { loadOutputGuard, subjectExists, subjectPath } from './subject.js';
import { outputTargetsSection } from './targets.js';

const ID = 'output';
const TITLE = 'output — scanOutput and createOutputStream';

async function run({ quick, onSection, log }: SuiteOptions): Promise<SuiteReport> {
  if (!subjectExists()) throw new Error(`the output guard is not there yet: ${subjectPath()} is missing`);
  const settings = outputSettings(quick);
  const subject = await loadOutputGuard();

  log('scanOutput latency and throughput…');
  const latency = await measureOutputLatency(subject.scanOutput, standardOutputInputs(), settings);
  onSection(latency.section);

  log('streaming…');
  const streaming = await measureStreaming(subject, settings, log);
  onSection(streaming.section);

  log('adversarial outputs…');
  const linearity = await measureOutputLinearity(subject.scanOutput, settings);
  onSection(linearity.section);

  const targets = outputTargetsSection({ latency: latency.rows, streaming: streaming.rows, linearity });
  onSection(targets);
  return {
    id: ID,
    title: TITLE,
    sections: [targets, latency.section, streaming.section, linearity.section],
  };
}

export const outputSuite: Suite = { id: ID, title: TITLE, run };

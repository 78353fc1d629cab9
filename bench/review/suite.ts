import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reviewRepo } from '../../src/review/index.js';
import type { Section, Suite, SuiteOptions, SuiteReport } from '../lib/report.js';
import { median } from '../lib/stats.js';
import { atMost } from '../lib/verdict.js';
import { buildAdversarial, buildCorpus } from './corpus.js';

const TITLE = 'review — maestro review on a large and a hostile repository';

async function run({ quick, onSection, log }: SuiteOptions): Promise<SuiteReport> {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-bench-review-'));
  const rows: string[][] = [];
  try {
    const target = quick ? 20_000 : 100_000;
    log(`building a ${target.toLocaleString('en-US')}-line corpus…`);
    const corpus = buildCorpus(join(dir, 'corpus'), target);
    const runs = quick ? 1 : 3;
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof reviewRepo>> | undefined;
    for (let i = 0; i < runs; i++) {
      log(`review ${i + 1}/${runs}…`);
      const started = performance.now();
      last = await reviewRepo(join(dir, 'corpus'));
      times.push((performance.now() - started) / 1000);
    }
    const seconds = median(times);
    const lines = last?.files.lines ?? corpus.lines;
    rows.push([
      `${lines.toLocaleString('en-US')} lines, ${(last?.files.typescript ?? 0) + (last?.files.python ?? 0)} files (TS and Python)`,
      `${seconds.toFixed(2)} s`,
      `${Math.round(lines / seconds).toLocaleString('en-US')}`,
      String(last?.findings.length ?? 0),
      quick ? 'n/a (quick)' : atMost(seconds * (100_000 / lines), 30),
    ]);
    log('hostile repository…');
    buildAdversarial(join(dir, 'hostile'));
    const started = performance.now();
    const hostile = await reviewRepo(join(dir, 'hostile'));
    const hostileSeconds = (performance.now() - started) / 1000;
    rows.push([
      `hostile: 200 backtracking-bait .gitignore patterns × 200 long names; 3,000-deep nesting; 20,000-term concatenations (${hostile.files.skipped.length} skipped)`,
      `${hostileSeconds.toFixed(2)} s`,
      '',
      String(hostile.findings.length),
      atMost(hostileSeconds, 5),
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const section: Section = {
    title: 'maestro review: whole-repository time (parse, data flow, every rule)',
    description:
      'reviewRepo() in this process, cold (the Python grammar is loaded each run). The corpus is copies of the rule fixtures in numbered packages; the hostile repository checks that no matcher backtracks and deep nesting is bounded.',
    table: {
      columns: [
        { header: 'repository' },
        { header: 'time (median)', align: 'right' },
        { header: 'lines/s', align: 'right' },
        { header: 'findings', align: 'right' },
        { header: 'target' },
      ],
      rows,
    },
    notes: [
      'Target: 100,000 lines in ≤ 30 s on this machine (scaled from the measured size); the hostile repository in ≤ 5 s.',
    ],
  };
  onSection(section);
  return { id: 'review', title: TITLE, sections: [section] };
}

export const reviewSuite: Suite = { id: 'review', title: TITLE, run };

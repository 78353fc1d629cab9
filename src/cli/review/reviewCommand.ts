import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../errors/index.js';
import {
  formatHtml,
  formatJson,
  formatMarkdown,
  formatSarif,
  formatTerminal,
  REVIEW_SEVERITIES,
  type ReviewReport,
  type ReviewSeverity,
  reviewRepo,
} from '../../review/index.js';

type Run = (code: Promise<number>) => void;

const FORMATS = {
  terminal: formatTerminal,
  md: formatMarkdown,
  json: formatJson,
  sarif: formatSarif,
  html: formatHtml,
} as const;
type Format = keyof typeof FORMATS;

export interface ReviewCliOptions {
  format: string;
  out?: string;
  failOn: string;
  progress: boolean;
  includeTests?: boolean;
}

/** Exit code: 2 when an unsuppressed finding is at or above `failOn`, else 0. */
export function exitCodeFor(report: ReviewReport, failOn: ReviewSeverity | 'none'): number {
  if (failOn === 'none') return 0;
  const limit = REVIEW_SEVERITIES.indexOf(failOn);
  return report.findings.some(
    (f) => f.suppressed === undefined && REVIEW_SEVERITIES.indexOf(f.severity) <= limit,
  )
    ? 2
    : 0;
}

function progressBar(enabled: boolean): ((done: number, total: number) => void) | undefined {
  if (!enabled) return undefined;
  let last = -1;
  return (done, total) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    if (filled === last && done !== total) return;
    last = filled;
    process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} files`);
    if (done === total) process.stderr.write('\n');
  };
}

/** `maestro review <path>`: reviews a codebase and writes the report; the exit code gates CI. */
export async function runReview(path: string, options: ReviewCliOptions): Promise<number> {
  if (!(options.format in FORMATS))
    throw new UsageError(`--format must be one of ${Object.keys(FORMATS).join(', ')}.`);
  const failOn = options.failOn as ReviewSeverity | 'none';
  if (failOn !== 'none' && !REVIEW_SEVERITIES.includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${[...REVIEW_SEVERITIES, 'none'].join(', ')}.`);
  }
  const onProgress = progressBar(options.progress && process.stderr.isTTY === true);
  const report = await reviewRepo(path, {
    ...(onProgress === undefined ? {} : { onProgress }),
    includeTests: options.includeTests === true,
  });
  const text = FORMATS[options.format as Format](report);
  if (options.out === undefined) process.stdout.write(text);
  else {
    writeFileSync(options.out, text);
    if (options.format !== 'terminal')
      process.stdout.write(formatTerminal(report).split('\n').slice(-3).join('\n'));
  }
  return exitCodeFor(report, failOn);
}

export function registerReviewCommand(program: Command, run: Run): void {
  program
    .command('review')
    .description(
      'Review an agent codebase against the MAESTRO seven-layer checklist (TypeScript/JavaScript and Python).',
    )
    .argument('<path>', 'the repository or folder to review')
    .option('--format <format>', 'terminal, md (threat matrix), json, sarif or html', 'terminal')
    .option('--out <file>', 'write the report to a file instead of standard output')
    .option(
      '--fail-on <severity>',
      'exit 2 when a finding is at or above: critical, high, medium, low, info or none',
      'high',
    )
    .option('--include-tests', 'review test code too (left out by default)')
    .option('--no-progress', 'no progress bar on standard error')
    .action((path: string, options: ReviewCliOptions) => run(runReview(path, options)));
}

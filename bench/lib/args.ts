import { parseArgs } from 'node:util';

export interface BenchArgs {
  /** Suites to run, in order; empty means all. */
  readonly suites: readonly string[];
  readonly quick: boolean;
  /** Where to write the Markdown report; `undefined` means do not write. */
  readonly out: string | undefined;
  readonly help: boolean;
}

export const DEFAULT_OUT = 'docs/bench.md';

export const USAGE = `Usage: npm run bench -- [--suite <id>]... [--quick] [--out <file> | --no-write]

  --suite <id>   run one suite (repeatable); default: all suites
  --quick        shorter budgets; does not write the report unless --out is given
  --out <file>   write the Markdown report here (default ${DEFAULT_OUT} on full runs)
  --no-write     do not write the Markdown report
`;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      suite: { type: 'string', multiple: true },
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  const quick = values.quick === true;
  const noWrite = values['no-write'] === true;
  const out = noWrite ? undefined : (values.out ?? (quick ? undefined : DEFAULT_OUT));
  return { suites: values.suite ?? [], quick, out, help: values.help === true };
}

/** The command as a reader should type it to reproduce the run. */
export function commandLine(argv: readonly string[]): string {
  const args = argv.join(' ');
  if (process.env['npm_lifecycle_event'] === 'bench')
    return args ? `npm run bench -- ${args}` : 'npm run bench';
  return args ? `npx tsx bench/run.ts ${args}` : 'npx tsx bench/run.ts';
}

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors/index.js';
import {
  checkPolicySet,
  createPolicyEngine,
  loadPolicySet,
  PolicyInvalidError,
  type PolicySetCheck,
  parsePolicyCases,
  runPolicyCases,
} from '../../policy/index.js';
import { caseJson, caseText, checkText, summaryText } from './formatPolicyOutput.js';

/** Exit codes: 0 valid / all cases pass, 1 an invalid set or a usage error, 2 a case failed. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_CASE_FAILED = 2;

type Run = (code: Promise<number>) => void;

interface CommonOptions {
  baseSchema: boolean;
  format: string;
}

function format(options: CommonOptions): 'json' | 'table' {
  if (options.format !== 'json' && options.format !== 'table')
    throw new UsageError('--format must be table or json.');
  return options.format;
}

export async function runValidate(dir: string, options: CommonOptions): Promise<number> {
  const output = format(options);
  let check: PolicySetCheck;
  try {
    const sources = loadPolicySet({ dir });
    check = checkPolicySet({
      policies: sources.policies,
      schema: sources.schemas,
      baseSchema: options.baseSchema,
    });
  } catch (error) {
    if (!(error instanceof PolicyInvalidError)) throw error;
    check = { valid: false, problems: error.problems, policies: 0, tools: [], fingerprint: undefined };
  }
  process.stdout.write(`${output === 'json' ? JSON.stringify(check) : checkText(dir, check)}\n`);
  return check.valid ? EXIT_OK : EXIT_INVALID;
}

export async function runTest(file: string, options: CommonOptions & { policies?: string }): Promise<number> {
  const output = format(options);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`Cannot read the cases file ${file}.`);
  }
  const cases = parsePolicyCases(text, file);
  const dir = options.policies ?? resolve(dirname(file), cases.policies ?? '.');
  const sources = loadPolicySet({ dir });
  const engine = createPolicyEngine({
    policies: sources.policies,
    schema: sources.schemas,
    baseSchema: options.baseSchema,
  });
  const results = runPolicyCases(engine, cases);
  for (const result of results)
    process.stdout.write(`${output === 'json' ? caseJson(result) : caseText(result)}\n`);
  (output === 'json' ? process.stderr : process.stdout).write(`${summaryText(results)}\n`);
  return results.every((result) => result.passed) ? EXIT_OK : EXIT_CASE_FAILED;
}

export function registerPolicyCommand(program: Command, run: Run): void {
  const policy = program
    .command('policy')
    .description('Check Cedar policy sets (C8, C13): validate them and run allow/deny expectations.');
  policy
    .command('validate')
    .description('Parse and validate a policy directory against its schema; exit 1 listing every problem.')
    .argument('<dir>', 'directory of .cedar policies and .cedarschema files')
    .option('--no-base-schema', 'do not add the shipped base schema (the directory declares everything)')
    .option('--format <format>', 'table or json', 'table')
    .action((dir: string, options: CommonOptions) => run(runValidate(dir, options)));
  policy
    .command('test')
    .description('Run the requests of a cases file against a policy set; exit 2 if any case fails.')
    .argument('<cases>', 'YAML file of cases: requests with the expected decision and lane')
    .option('--policies <dir>', 'the policy directory (default: `policies:` in the file, else its directory)')
    .option('--no-base-schema', 'do not add the shipped base schema (the directory declares everything)')
    .option('--format <format>', 'table or json (one line per case)', 'table')
    .action((cases: string, options: CommonOptions & { policies?: string }) => run(runTest(cases, options)));
}

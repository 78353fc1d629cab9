import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../errors/index.js';
import {
  deriveThreats,
  loadThreatModel,
  STARTER_THREAT_MODEL,
  threatModelMarkdown,
  threatModelTerminal,
  toMermaid,
} from '../../review/index.js';

type Run = (code: Promise<number>) => void;

export interface ThreatModelCliOptions {
  format: string;
  out?: string;
  init?: boolean;
  failOnOpen?: boolean;
}

export const STARTER_FILE = 'maestro-threat-model.yaml';

/** `maestro threat-model <model.yaml>` (or `--init`): derives the threats and writes the matrix. */
export async function runThreatModel(
  file: string | undefined,
  options: ThreatModelCliOptions,
): Promise<number> {
  if (options.init === true) {
    const target = file ?? STARTER_FILE;
    if (existsSync(target)) throw new UsageError(`${target} exists; remove it or name another file.`);
    writeFileSync(target, STARTER_THREAT_MODEL, { flag: 'wx' });
    process.stdout.write(`maestro: wrote ${target}\n`);
    return 0;
  }
  if (file === undefined) throw new UsageError('Name a threat model file, or use --init to write a starter.');
  if (!['terminal', 'md', 'json', 'mermaid'].includes(options.format)) {
    throw new UsageError('--format must be terminal, md, json or mermaid.');
  }
  const model = loadThreatModel(file);
  const analysis = deriveThreats(model);
  const text =
    options.format === 'md'
      ? threatModelMarkdown(model, analysis)
      : options.format === 'json'
        ? `${JSON.stringify({ version: 1, model, ...analysis }, null, 2)}\n`
        : options.format === 'mermaid'
          ? `${toMermaid(model)}\n`
          : threatModelTerminal(analysis);
  if (options.out === undefined) process.stdout.write(text);
  else writeFileSync(options.out, text);
  return options.failOnOpen === true && analysis.summary.open > 0 ? 2 : 0;
}

export function registerThreatModelCommand(program: Command, run: Run): void {
  program
    .command('threat-model')
    .description(
      'Derive the threats of a multi-agent design (components, flows, trust zones, controls) and write the threat matrix.',
    )
    .argument('[model]', 'the threat model (YAML)')
    .option('--init', `write a starter model (${STARTER_FILE}, or the file named)`)
    .option(
      '--format <format>',
      'terminal, md (matrix, Mermaid diagram, missing controls), json or mermaid',
      'terminal',
    )
    .option('--out <file>', 'write to a file instead of standard output')
    .option('--fail-on-open', 'exit 2 when a threat is open (no control in place)')
    .action((model: string | undefined, options: ThreatModelCliOptions) =>
      run(runThreatModel(model, options)),
    );
}

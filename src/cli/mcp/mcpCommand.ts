import type { Command } from 'commander';
import { UsageError } from '../../errors/index.js';
import { approvePins, reviewMcpTools } from '../../gateway/index.js';
import { serveSettings } from '../serve/serveCommand.js';

type Run = (code: Promise<number>) => void;

interface ReviewOptions {
  config?: string;
  approve?: string;
  format: string;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * `maestro mcp review`: each allowlisted MCP tool, its pin status and poisoning signals; with
 * `--approve server.tool,…` (or `all`) the reviewed descriptions are pinned. Exit code 1 while a
 * tool is poisoned, changed, unpinned or unreachable, so CI can gate on it.
 */
export async function runMcpReview(
  options: ReviewOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (options.format !== 'table' && options.format !== 'json')
    throw new UsageError('--format must be table or json.');
  const settings = serveSettings(
    { ...(options.config === undefined ? {} : { config: options.config }) },
    env,
  );
  if (settings.mcp === undefined) throw new UsageError('The configuration has no mcp section.');
  let review = await reviewMcpTools(settings.mcp, settings.dataDir, env);
  if (options.approve !== undefined) {
    const pinned = approvePins(
      review,
      options.approve
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    );
    if (options.format === 'table')
      print(`pinned: ${pinned.length === 0 ? 'nothing new' : pinned.join(', ')}`);
    review = await reviewMcpTools(settings.mcp, settings.dataDir, env);
  }
  if (options.format === 'json') print(JSON.stringify(review, null, 2));
  else {
    print(`pins: ${review.pinsFile}`);
    for (const t of review.tools) {
      const signals = t.signals.length > 0 ? ` [${t.signals.join(', ')}]` : '';
      print(`${t.status.padEnd(18)} ${t.server}.${t.tool}${signals}`);
      if (t.status !== 'pinned' && t.description !== null)
        print(`${' '.repeat(19)}${JSON.stringify(t.description.slice(0, 300))}`);
    }
  }
  return review.tools.every((t) => t.status === 'pinned') ? 0 : 1;
}

export function registerMcpCommand(program: Command, run: Run): void {
  const mcp = program
    .command('mcp')
    .description('The MCP servers the gateway fronts: review and pin their tools.');
  mcp
    .command('review')
    .description('List each allowlisted tool with its pin status and poisoning signals; --approve pins them.')
    .option(
      '--config <file>',
      'configuration file (default maestro.config.(yaml|yml|json) here, or MAESTRO_CONFIG)',
    )
    .option('--approve <tools>', 'pin these tools at their current description: server.tool,… or all')
    .option('--format <format>', 'table or json', 'table')
    .action((options: ReviewOptions) => run(runMcpReview(options)));
}

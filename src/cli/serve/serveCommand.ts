import type { Command } from 'commander';
import { UsageError } from '../../errors/index.js';
import { type GatewaySettings, settingsFromEnv, startGateway } from '../../gateway/index.js';

type Run = (code: Promise<number>) => void;

export interface ServeOptions {
  host?: string;
  port?: string;
}

/** The settings `maestro serve` runs with: defaults, then the environment, then the flags. */
export function serveSettings(options: ServeOptions, env: NodeJS.ProcessEnv = process.env): GatewaySettings {
  const settings = settingsFromEnv(env);
  let port = settings.port;
  if (options.port !== undefined) {
    if (!/^\d{1,5}$/.test(options.port) || Number(options.port) > 65_535)
      throw new UsageError('--port must be 0 to 65535.');
    port = Number(options.port);
  }
  const host = options.host ?? env['MAESTRO_HOST'] ?? settings.host;
  if (host.length === 0 || host.length > 253) throw new UsageError('--host must be a host name or address.');
  return { ...settings, host, port };
}

/** Runs the gateway until SIGINT or SIGTERM, then closes it (the ledger writes its final heads). */
export async function runServe(options: ServeOptions): Promise<number> {
  const gateway = await startGateway({ settings: serveSettings(options) });
  process.stdout.write(`maestro: gateway listening on ${gateway.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write('maestro: shutting down\n');
  await gateway.close();
  return 0;
}

export function registerServeCommand(program: Command, run: Run): void {
  program
    .command('serve')
    .description(
      'Run the gateway: scans, output guard, ledger and approvals over HTTP (127.0.0.1:8787 by default).',
    )
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or MAESTRO_HOST)')
    .option('--port <port>', 'port to listen on (default 8787, or MAESTRO_PORT)')
    .action((options: ServeOptions) => run(runServe(options)));
}

import type { Command } from 'commander';
import { UsageError } from '../../errors/index.js';
import {
  checkGatewaySettings,
  configFingerprint,
  type GatewaySettings,
  loadConfigFile,
  resolveGatewaySettings,
  startGateway,
} from '../../gateway/index.js';

type Run = (code: Promise<number>) => void;

export interface ServeOptions {
  host?: string;
  port?: string;
  config?: string;
  check?: boolean;
}

/**
 * The settings `maestro serve` runs with: the embedded defaults, then the configuration file
 * (`--config`, MAESTRO_CONFIG, or maestro.config.(yaml|yml|json) in the working directory), then
 * the environment, then the flags.
 */
export function serveSettings(
  options: ServeOptions,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): GatewaySettings {
  const loaded = loadConfigFile({ file: options.config ?? env['MAESTRO_CONFIG'], cwd });
  const settings = resolveGatewaySettings(loaded?.config, env, loaded?.file);
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
  const settings = serveSettings(options);
  if (options.check === true) {
    checkGatewaySettings(settings);
    const { fingerprint } = configFingerprint(settings, process.env);
    process.stdout.write(
      `maestro: configuration ok (${settings.configFile ?? 'embedded defaults'}); fingerprint ${fingerprint}\n`,
    );
    return 0;
  }
  const gateway = await startGateway({ settings });
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
    .option(
      '--config <file>',
      'configuration file (default maestro.config.(yaml|yml|json) here, or MAESTRO_CONFIG)',
    )
    .option('--check', 'validate the configuration (file, TLS files, tool policies) and exit')
    .action((options: ServeOptions) => run(runServe(options)));
}

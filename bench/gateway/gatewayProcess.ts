import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export interface GatewayProcess {
  readonly url: string;
  readonly key: string;
  readonly child: ChildProcess;
  /** The gateway's data directory (removed by `stop` unless `keep`). */
  readonly dataDir: string;
  /** SIGTERM, then wait for the exit (the ledger commits what is queued and signs its heads). */
  stop(options?: { readonly keep?: boolean }): Promise<void>;
}

/**
 * `maestro serve` in a child process with a fresh data directory, so that the load generator
 * (this process) and the gateway do not share a thread. Rate limits are raised out of the way
 * through the environment.
 */
export async function startGatewayProcess(env: NodeJS.ProcessEnv = {}): Promise<GatewayProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-bench-gateway-'));
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve', '--port', '0'], {
    env: {
      ...process.env,
      ...env,
      MAESTRO_DATA_DIR: dir,
      MAESTRO_BOOTSTRAP_KEY: '',
      // A load test is not abuse: limits far above the rates it drives.
      MAESTRO_RATE_LIMIT_PER_TENANT: '100000000',
      MAESTRO_RATE_LIMIT_PER_PRINCIPAL: '100000000',
      MAESTRO_CONCURRENCY_PER_TENANT: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const ready = new Promise<{ url: string; key: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the gateway did not start within 60 s')), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (https?:\/\/\S+)/.exec(out)?.[1];
      const key = /\n {2}(mk_\S+)\n/.exec(out)?.[1];
      if (url !== undefined && key !== undefined) {
        clearTimeout(timer);
        resolve({ url, key });
      }
    });
    child.on('exit', (code) => reject(new Error(`the gateway exited with ${code}`)));
  });
  const { url, key } = await ready;
  return {
    url,
    key,
    child,
    dataDir: dir,
    async stop(options = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (options.keep !== true) rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../errors/index.js';
import { serveSettings } from './serveCommand.js';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'maestro-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('maestro serve', () => {
  it('takes defaults, then the environment, then the flags', () => {
    expect(serveSettings({}, {})).toMatchObject({ host: '127.0.0.1', port: 8787 });
    expect(
      serveSettings({}, { MAESTRO_PORT: '9000', MAESTRO_HOST: '0.0.0.0', MAESTRO_DATA_DIR: dir }),
    ).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      dataDir: dir,
    });
    expect(serveSettings({ port: '0', host: '::1' }, { MAESTRO_PORT: '9000' })).toMatchObject({
      host: '::1',
      port: 0,
    });
    expect(
      serveSettings({}, { MAESTRO_RATE_LIMIT_PER_PRINCIPAL: '30', MAESTRO_CONCURRENCY_PER_TENANT: '4' })
        .limits,
    ).toMatchObject({
      perPrincipal: { points: 30, durationSec: 60 },
      concurrencyPerTenant: 4,
    });
    expect(() => serveSettings({}, { MAESTRO_RATE_LIMIT_PER_TENANT: 'lots' })).toThrowError(
      expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }),
    );
    expect(() => serveSettings({ port: '70000' }, {})).toThrow(UsageError);
    expect(() => serveSettings({ port: 'abc' }, {})).toThrow(UsageError);
  });

  it('--check validates the configuration file and exits: 0 with its fingerprint, 1 naming a bad key', () => {
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'server:\n  port: 9300\ntoolCalls:\n  allow: [get_weather]\n');
    const ok = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'serve', '--check', '--config', good], {
      env: { ...process.env, MAESTRO_DATA_DIR: dir },
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/configuration ok \(.*good\.yaml\); fingerprint [0-9a-f]{64}/);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'upstream:\n  baseUrl: http://127.0.0.1:1/v1\n  apiKey: sk-live-123\n');
    const refused = spawnSync(
      process.execPath,
      ['--import', 'tsx', MAIN, 'serve', '--check', '--config', bad],
      {
        env: { ...process.env, MAESTRO_DATA_DIR: dir },
        encoding: 'utf8',
      },
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('ERR_CONFIG_INVALID');
    expect(refused.stderr).toContain('upstream.apiKey');
    expect(refused.stderr).not.toContain('sk-live-123');
    expect(refused.stderr).not.toMatch(/\n\s+at /); // no stack
    expect(() => serveSettings({ config: bad }, {})).toThrowError(
      expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }),
    );
  }, 30_000);

  it('starts as a process, prints the admin key once, serves, and shuts down cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve', '--port', '0'], {
      env: { ...process.env, MAESTRO_DATA_DIR: dir, MAESTRO_BOOTSTRAP_KEY: '' },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listen line in: ${out}`)), 20_000);
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match !== null) {
          clearTimeout(timer);
          resolve(match[1] as string);
        }
      });
    });
    const key = /\n {2}(mk_\S+)\n/.exec(out)?.[1];
    expect(key).toBeDefined();
    const response = await fetch(`${url}/v1/scan`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Please summarise this article.' }),
    });
    expect(response.status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(out).toContain('shutting down');
  }, 30_000);
});

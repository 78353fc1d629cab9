import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { githubToken, seeded } from '../../output/secrets/fixtures/tokens.js';
import { startGateway } from '../startGateway.js';
import { configFingerprint } from './configFingerprint.js';
import { resolveGatewaySettings } from './gatewaySettings.js';
import { loadConfigFile, parseConfigFile } from './loadConfigFile.js';

const root = mkdtempSync(join(tmpdir(), 'maestro-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function folder(files: Record<string, string>): string {
  const dir = join(root, `case-${n++}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function problem(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected an error');
}

describe('maestro.config.(json|yaml)', () => {
  it('reads YAML or JSON from the working directory; with no file the embedded defaults apply', () => {
    const yaml = folder({
      'maestro.config.yaml':
        'server:\n  port: 9100\nupstream:\n  baseUrl: http://127.0.0.1:9999/v1\ntoolCalls:\n  allow: [get_weather]\n',
    });
    const loaded = loadConfigFile({ cwd: yaml });
    expect(loaded?.file).toBe(join(yaml, 'maestro.config.yaml'));
    const settings = resolveGatewaySettings(loaded?.config, {}, loaded?.file);
    expect(settings).toMatchObject({
      port: 9100,
      toolCalls: { allow: ['get_weather'], onDisallowed: 'remove' },
    });
    expect(settings.upstream).toMatchObject({ baseUrl: 'http://127.0.0.1:9999/v1', retries: 2 });
    const json = folder({ 'maestro.config.json': JSON.stringify({ limits: { concurrencyPerTenant: 7 } }) });
    expect(resolveGatewaySettings(loadConfigFile({ cwd: json })?.config).limits.concurrencyPerTenant).toBe(7);
    expect(loadConfigFile({ cwd: folder({}) })).toBeUndefined();
  });

  it('resolves paths against the file’s directory, and the environment wins over the file', () => {
    const dir = folder({ 'maestro.config.yaml': 'storage:\n  dataDir: ./state\nserver:\n  port: 9100\n' });
    const loaded = loadConfigFile({ cwd: dir });
    const settings = resolveGatewaySettings(loaded?.config, { MAESTRO_PORT: '9200' });
    expect(settings.dataDir).toBe(join(dir, 'state'));
    expect(settings.port).toBe(9200);
    expect(resolveGatewaySettings(loaded?.config, { MAESTRO_DATA_DIR: '/srv/m' }).dataDir).toBe('/srv/m');
  });

  it('refuses an unknown key, naming it and the file', () => {
    const dir = folder({ 'maestro.config.yaml': 'server:\n  porrt: 9100\n' });
    const error = problem(() => loadConfigFile({ cwd: dir }));
    expect(error.code).toBe('ERR_CONFIG_INVALID');
    expect(error.message).toContain('maestro.config.yaml');
    expect(error.message).toContain('server.porrt: unknown key');
  });

  it('refuses a bad value, naming the key and what was expected', () => {
    const error = problem(() =>
      parseConfigFile('maestro.config.json', JSON.stringify({ limits: { concurrencyPerTenant: -1 } })),
    );
    expect(error.code).toBe('ERR_CONFIG_INVALID');
    expect(error.message).toMatch(/limits\.concurrencyPerTenant: .*(>=|at least|greater)/i);
    expect(problem(() => parseConfigFile('c.yaml', 'toolCalls:\n  onDisallowed: shrug\n')).message).toContain(
      'toolCalls.onDisallowed',
    );
    expect(problem(() => parseConfigFile('c.yaml', 'upstream:\n  baseUrl: ftp://x\n')).message).toContain(
      'upstream.baseUrl',
    );
  });

  it('treats a secret in the file as an error, by key name or by what the value looks like, never echoing it', () => {
    const token = githubToken(seeded(3));
    const byName = problem(() =>
      parseConfigFile('c.yaml', 'upstream:\n  baseUrl: http://x/v1\n  apiKey: hunter2hunter2\n'),
    );
    expect(byName.code).toBe('ERR_CONFIG_INVALID');
    expect(byName.message).toContain('upstream.apiKey');
    expect(byName.message).toContain('MAESTRO_UPSTREAM_API_KEY');
    expect(byName.message).not.toContain('hunter2');
    const bootstrap = problem(() => parseConfigFile('c.yaml', 'bootstrapKey: abc\n'));
    expect(bootstrap.message).toContain('MAESTRO_BOOTSTRAP_KEY');
    const byValue = problem(() =>
      parseConfigFile(
        'c.json',
        JSON.stringify({
          mcp: { servers: [{ name: 'gh', transport: 'stdio', command: 'gh-mcp', args: ['--token', token] }] },
        }),
      ),
    );
    expect(byValue.message).toContain('mcp.servers.0.args.1');
    expect(byValue.message).not.toContain(token);
    const inUrl = problem(() =>
      parseConfigFile('c.yaml', 'upstream:\n  baseUrl: https://user:pass@llm.internal/v1\n'),
    );
    expect(inUrl.message).toContain('upstream.baseUrl');
    expect(inUrl.message).not.toContain('pass@');
  });

  it('refuses two configuration files, an unreadable or unparsable one, and YAML alias bombs', () => {
    expect(
      problem(() =>
        loadConfigFile({ cwd: folder({ 'maestro.config.yaml': '', 'maestro.config.json': '{}' }) }),
      ).message,
    ).toContain('more than one configuration file');
    expect(problem(() => loadConfigFile({ file: 'missing.yaml', cwd: root })).message).toContain(
      'cannot be read',
    );
    expect(problem(() => parseConfigFile('c.json', '{"server": ')).message).toContain(
      'cannot be parsed as JSON',
    );
    expect(problem(() => parseConfigFile('c.yaml', 'a: 1\na: 2\n')).code).toBe('ERR_CONFIG_INVALID');
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
      .concat(
        Array.from(
          { length: 8 },
          (_, i) =>
            `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
              .fill(`*${String.fromCharCode(97 + i)}`)
              .join(',')}]`,
        ),
      )
      .join('\n');
    expect(problem(() => parseConfigFile('c.yaml', bomb)).code).toBe('ERR_CONFIG_INVALID');
    expect(
      problem(() => loadConfigFile({ file: 'x.toml', cwd: folder({ 'x.toml': '' }) })).message,
    ).toContain('.json, .yaml or .yml');
  });

  it('never throws anything but ERR_CONFIG_INVALID on arbitrary YAML or JSON text (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), fc.boolean(), (text, asJson) => {
        try {
          parseConfigFile(asJson ? 'c.json' : 'c.yaml', text);
        } catch (error) {
          expect((error as { code?: string }).code).toBe('ERR_CONFIG_INVALID');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('configuration fingerprint (C10)', () => {
  it('changes with any section, not with secrets’ values, and names the sections that changed', async () => {
    const base = resolveGatewaySettings({}, { MAESTRO_DATA_DIR: join(root, 'fp') });
    const other = resolveGatewaySettings(
      { toolCalls: { allow: ['x'], onDisallowed: 'remove' } },
      { MAESTRO_DATA_DIR: join(root, 'fp') },
    );
    const a = configFingerprint(base, { MAESTRO_UPSTREAM_API_KEY: 'one' });
    expect(configFingerprint(base, { MAESTRO_UPSTREAM_API_KEY: 'two' }).fingerprint).toBe(a.fingerprint);
    expect(configFingerprint(base, {}).fingerprint).not.toBe(a.fingerprint); // presence counts
    const b = configFingerprint(other, { MAESTRO_UPSTREAM_API_KEY: 'one' });
    expect(b.fingerprint).not.toBe(a.fingerprint);
    expect(Object.keys(a.sections).filter((k) => a.sections[k] !== b.sections[k])).toEqual(['toolCalls']);
  });

  it('is logged as config_changed on the first start and when it changes, not when it stays', async () => {
    const dataDir = join(root, 'fp-gateway');
    const start = async (allow: string[]) => {
      const settings = resolveGatewaySettings(
        { toolCalls: { allow, onDisallowed: 'remove' } },
        { MAESTRO_DATA_DIR: dataDir },
      );
      const gateway = await startGateway({
        settings: { ...settings, port: 0 },
        env: {},
        print: () => undefined,
      });
      await gateway.ledger.flush();
      const events = (
        await gateway.ledger.queryRiskEvents({ tenantId: 'default', types: ['config_changed'], limit: 50 })
      ).events.filter((e) => e.detector === 'gateway.config');
      await gateway.close();
      return events;
    };
    expect(await start([])).toHaveLength(1);
    expect(await start([])).toHaveLength(1);
    const changed = await start(['get_weather']);
    expect(changed).toHaveLength(2);
    const latest = changed.find((e) => e.attributes?.previous !== null);
    expect(latest?.attributes?.sections).toEqual(['toolCalls']);
    expect(latest?.severity).toBe('medium');
  });
});

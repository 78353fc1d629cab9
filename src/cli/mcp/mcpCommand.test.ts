import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeMcpServer, startFakeMcpServer } from '../../gateway/mcp/testing/fakeMcpServer.js';
import { captureStdout } from '../testing/captureStdout.js';
import { runMcpReview } from './mcpCommand.js';

const dir = mkdtempSync(join(tmpdir(), 'maestro-cli-mcp-'));
let fake: FakeMcpServer;
beforeAll(async () => {
  fake = await startFakeMcpServer();
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('maestro mcp review', () => {
  it('lists the tools, exits 1 until every one is pinned, and --approve pins the named ones', async () => {
    const config = join(dir, 'maestro.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        storage: { dataDir: './data' },
        mcp: {
          servers: [{ name: 'tools', transport: 'http', url: fake.url }],
          tools: [
            { server: 'tools', tool: 'get_weather', effect: 'read' },
            { server: 'tools', tool: 'save_note', effect: 'write' },
          ],
        },
      }),
    );
    const first = await captureStdout(() => runMcpReview({ config, format: 'table' }, {}));
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/unpinned\s+tools\.get_weather/);
    expect(first.out).toMatch(/poisoned\s+tools\.save_note \[/);
    const approved = await captureStdout(() =>
      runMcpReview({ config, format: 'json', approve: 'tools.get_weather' }, {}),
    );
    const review = JSON.parse(approved.out) as { tools: Array<{ tool: string; status: string }> };
    expect(review.tools.find((t) => t.tool === 'get_weather')?.status).toBe('pinned');
    expect(approved.code).toBe(1); // save_note stays poisoned
    await expect(runMcpReview({ config, format: 'yaml' }, {})).rejects.toThrow(/--format/);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { captureStdout } from '../testing/captureStdout.js';
import { runThreatModel } from './threatModelCommand.js';

const REFERENCE = fileURLToPath(new URL('../../../examples/reference-architecture.yaml', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'maestro-cli-tm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('maestro threat-model', () => {
  it('--init writes a starter that the command then reads, and never overwrites a file', async () => {
    const file = join(dir, 'model.yaml');
    expect((await captureStdout(() => runThreatModel(file, { format: 'terminal', init: true }))).code).toBe(
      0,
    );
    const { code, out } = await captureStdout(() => runThreatModel(file, { format: 'terminal' }));
    expect(code).toBe(0);
    expect(out).toMatch(/threat model My agent system: \d+ open/);
    await expect(runThreatModel(file, { format: 'terminal', init: true })).rejects.toMatchObject({
      code: 'ERR_USAGE',
    });
  });

  it('writes md, json and mermaid, and exits 2 on open threats with --fail-on-open', async () => {
    const out = join(dir, 'matrix.md');
    const md = await captureStdout(() => runThreatModel(REFERENCE, { format: 'md', out, failOnOpen: true }));
    expect(md.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toContain('## Threat matrix');
    const json = await captureStdout(() => runThreatModel(REFERENCE, { format: 'json' }));
    expect(JSON.parse(json.out)).toMatchObject({ version: 1, name: 'Multi-agent reference architecture' });
    expect(
      (await captureStdout(() => runThreatModel(REFERENCE, { format: 'mermaid' }))).out.startsWith(
        'flowchart LR',
      ),
    ).toBe(true);
    await expect(runThreatModel(REFERENCE, { format: 'pdf' })).rejects.toMatchObject({ code: 'ERR_USAGE' });
    await expect(runThreatModel(undefined, { format: 'md' })).rejects.toMatchObject({ code: 'ERR_USAGE' });
    await expect(runThreatModel(join(dir, 'none.yaml'), { format: 'md' })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
  });
});

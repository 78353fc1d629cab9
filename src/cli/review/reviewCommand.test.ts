import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { captureStdout } from '../testing/captureStdout.js';
import { runReview } from './reviewCommand.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/review', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'maestro-cli-review-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('maestro review', () => {
  it('exits 2 above --fail-on and 0 below it; none never fails', async () => {
    const base = { format: 'terminal', progress: false };
    expect(
      (
        await captureStdout(() =>
          runReview(join(FIXTURES, 'MAESTRO-L3-002', 'vulnerable'), { ...base, failOn: 'high' }),
        )
      ).code,
    ).toBe(0);
    expect(
      (
        await captureStdout(() =>
          runReview(join(FIXTURES, 'MAESTRO-L3-002', 'vulnerable'), { ...base, failOn: 'low' }),
        )
      ).code,
    ).toBe(2);
    expect(
      (
        await captureStdout(() =>
          runReview(join(FIXTURES, 'MAESTRO-L1-001', 'vulnerable'), { ...base, failOn: 'high' }),
        )
      ).code,
    ).toBe(2);
    expect(
      (
        await captureStdout(() =>
          runReview(join(FIXTURES, 'MAESTRO-L1-001', 'vulnerable'), { ...base, failOn: 'none' }),
        )
      ).code,
    ).toBe(0);
  });

  it('writes each format to --out', async () => {
    for (const format of ['md', 'json', 'sarif', 'html']) {
      const out = join(dir, `report.${format}`);
      await captureStdout(() =>
        runReview(join(FIXTURES, 'MAESTRO-L6-003'), { format, out, failOn: 'none', progress: false }),
      );
      expect(readFileSync(out, 'utf8').length).toBeGreaterThan(100);
    }
    expect(JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('refuses a bad format, a bad threshold and a missing path with clear errors', async () => {
    await expect(
      runReview(FIXTURES, { format: 'pdf', failOn: 'high', progress: false }),
    ).rejects.toMatchObject({ code: 'ERR_USAGE' });
    await expect(
      runReview(FIXTURES, { format: 'md', failOn: 'severe', progress: false }),
    ).rejects.toMatchObject({ code: 'ERR_USAGE' });
    await expect(
      runReview(join(dir, 'nope'), { format: 'md', failOn: 'high', progress: false }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { InvalidInputError, UsageError } from '../../errors/index.js';
import { EXIT_INVALID, runTest, runValidate } from './policyCommand.js';

const dir = mkdtempSync(join(tmpdir(), 'maestro-policy-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function captured<T>(run: () => Promise<T>): Promise<{ value: T; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  return run().then(
    (value) => {
      spy.mockRestore();
      return { value, out };
    },
    (error: unknown) => {
      spy.mockRestore();
      throw error;
    },
  );
}

describe('policy command functions (in process)', () => {
  it('validate reports a directory it cannot read as invalid (exit 1), in JSON too', async () => {
    const { value, out } = await captured(() =>
      runValidate(join(dir, 'missing'), { baseSchema: true, format: 'json' }),
    );
    expect(value).toBe(EXIT_INVALID);
    expect(JSON.parse(out)).toMatchObject({
      valid: false,
      problems: [{ severity: 'error', message: 'the policy directory cannot be read' }],
    });
  });

  it('test refuses a malformed cases file or an unreadable one, and a bad --format', async () => {
    const malformed = join(dir, 'malformed.yaml');
    writeFileSync(malformed, 'cases:\n  - name: x\n    expect: { decision: allow }\n');
    await expect(runTest(malformed, { baseSchema: true, format: 'table' })).rejects.toThrow(
      InvalidInputError,
    );
    await expect(runTest(malformed, { baseSchema: true, format: 'table' })).rejects.toThrow(
      /cases\.0\.request/,
    );
    await expect(runTest(join(dir, 'nope.yaml'), { baseSchema: true, format: 'table' })).rejects.toThrow(
      UsageError,
    );
    await expect(runTest(malformed, { baseSchema: true, format: 'xml' })).rejects.toThrow(/--format/);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OutputMatch } from '../types.js';
import { checkStructuredOutput } from './checkStructuredOutput.js';
import { stripJsonFence } from './fence.js';

const Invoice = z.object({
  customer: z.object({ name: z.string(), email: z.string() }),
  lines: z.array(z.object({ sku: z.string(), qty: z.number().int().positive() })),
});

/** A stand-in for the secrets/PII scanners: finds "sk-" keys. */
function findKeys(value: string): OutputMatch[] {
  const at = value.indexOf('sk-');
  return at < 0
    ? []
    : [{ type: 'secret:test', start: at, end: value.length, confidence: 1, label: 'SECRET' }];
}

describe('checkStructuredOutput', () => {
  it('accepts valid output and types the value', () => {
    const result = checkStructuredOutput(
      '{"customer":{"name":"Ada","email":"a@example.org"},"lines":[{"sku":"A1","qty":2}]}',
      Invoice,
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.lines[0]!.qty).toBe(2);
  });
  it('strips one ```json fence and nothing else', () => {
    const fenced = '```json\n{"customer":{"name":"Ada","email":"a@example.org"},"lines":[]}\n```\n';
    expect(checkStructuredOutput(fenced, Invoice).ok).toBe(true);
    expect(
      checkStructuredOutput('~~~\n{"customer":{"name":"A","email":"e"},"lines":[]}\n~~~', Invoice).ok,
    ).toBe(true);
    const prose = checkStructuredOutput(
      'Here you go:\n```json\n{"customer":{"name":"A","email":"e"},"lines":[]}\n```',
      Invoice,
    );
    expect(prose.ok).toBe(false);
    const twice = checkStructuredOutput('```json\n```json\n{}\n```\n```', z.object({}));
    expect(twice.ok).toBe(false);
    expect(checkStructuredOutput('```json\n{}\n```', z.object({}), { allowFence: false }).ok).toBe(false);
  });
  it('reports schema failures with the path', () => {
    const result = checkStructuredOutput(
      '{"customer":{"name":"Ada","email":"a@example.org"},"lines":[{"sku":"A1","qty":0}]}',
      Invoice,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('ERR_OUTPUT_SCHEMA_MISMATCH');
      expect(result.error.path).toEqual(['lines', 0, 'qty']);
      expect(result.error.message).toContain('$.lines[0].qty');
    }
  });
  it('reports parse failures as typed errors with offsets in the original text', () => {
    const result = checkStructuredOutput('```json\n{"a":[1,]}\n```', z.unknown());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'ERR_OUTPUT_INVALID_JSON', path: ['a', 1], offset: 16 },
    });
    const deep = checkStructuredOutput('['.repeat(100_000), z.unknown());
    expect(deep).toMatchObject({ ok: false, error: { code: 'ERR_OUTPUT_TOO_DEEP' } });
  });
  it('runs the string scanner over every value and key, with paths and literal spans', () => {
    const text = '```json\n{"note":"key is sk-live-1","sk-live-2":["x","sk-live-3"]}\n```';
    const result = checkStructuredOutput(text, z.record(z.string(), z.unknown()), { scanString: findKeys });
    expect(result.ok).toBe(true);
    expect(result.findings.map((f) => [f.path, f.inKey])).toEqual([
      [['note'], false],
      [['sk-live-2'], true],
      [['sk-live-2', 1], false],
    ]);
    const first = result.findings[0]!;
    expect(text.slice(first.literal.start, first.literal.end)).toBe('"key is sk-live-1"');
  });
  it('keeps findings when the schema fails, fails closed when the scanner throws', () => {
    const result = checkStructuredOutput('{"note":"sk-live-1"}', z.object({ other: z.string() }), {
      scanString: findKeys,
    });
    expect(result.ok).toBe(false);
    expect(result.findings).toHaveLength(1);
    const thrown = checkStructuredOutput('{"a":"b"}', z.unknown(), {
      scanString: () => {
        throw new Error('scanner bug with value b');
      },
    });
    expect(thrown).toMatchObject({ ok: false, error: { code: 'ERR_OUTPUT_SCAN_FAILED' } });
    expect(JSON.stringify(thrown)).not.toContain('value b');
  });
  it('drops prototype keys, reports them, and lets no schema pollute', () => {
    const text =
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"data":{"__proto__":{"isAdmin":true}}}';
    const result = checkStructuredOutput(text, z.object({ data: z.record(z.string(), z.unknown()) }).loose());
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    if (result.ok) expect((result.value.data as Record<string, unknown>)['isAdmin']).toBeUndefined();
    expect(result.findings.filter((f) => f.type === 'json:unsafe-key').map((f) => f.path)).toEqual([
      ['__proto__'],
      ['constructor'],
      ['constructor', 'prototype'],
      ['data', '__proto__'],
    ]);
  });
  it('fails closed when the schema cannot validate synchronously', () => {
    const asyncSchema = z.string().refine(async () => true);
    expect(checkStructuredOutput('"x"', asyncSchema)).toMatchObject({
      ok: false,
      error: { code: 'ERR_OUTPUT_SCHEMA_MISMATCH' },
    });
  });
  it('never throws for any text (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.json()), (text) => {
        const result = checkStructuredOutput(text, Invoice, { scanString: findKeys });
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('stripJsonFence', () => {
  it('reports where the JSON starts', () => {
    expect(stripJsonFence('  ```JSON \n[1]\n  ```  ')).toEqual({ text: '[1]', offset: 11 });
    expect(stripJsonFence('[1]')).toEqual({ text: '[1]', offset: 0 });
    expect(stripJsonFence('```python\n[1]\n```')).toEqual({ text: '```python\n[1]\n```', offset: 0 });
    expect(stripJsonFence('````\n[1]\n```')).toEqual({ text: '````\n[1]\n```', offset: 0 });
  });
});

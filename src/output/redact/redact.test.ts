import { describe, expect, it } from 'vitest';
import { detectPii } from '../pii/index.js';
import type { OutputMatch } from '../types.js';
import { canonicalValue, pseudonym, redact } from './redact.js';
import { createVault } from './vault.js';

const TEXT = 'Mail jane@example.com or call +44 20 7946 0018; card 4111 1111 1111 1111.';
const KEY = 'deployment-secret-0123456789';

function match(start: number, end: number, label: string, confidence = 0.9): OutputMatch {
  return { type: `pii:${label.toLowerCase()}`, start, end, confidence, label };
}

describe('redact', () => {
  const matches = detectPii(TEXT);

  it('masks with labels', () => {
    const { text, replacements } = redact(TEXT, matches, { mode: 'mask' });
    expect(text).toBe('Mail [EMAIL_ADDRESS] or call [PHONE_NUMBER]; card [CREDIT_CARD].');
    expect(replacements.map((r) => r.label)).toEqual(['EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD']);
    for (const r of replacements) expect(text.slice(r.outputStart, r.outputEnd)).toBe(r.replacement);
  });

  it('removes values', () => {
    expect(redact(TEXT, matches, { mode: 'remove' }).text).toBe('Mail  or call ; card .');
  });

  it('hashes to keyed pseudonyms that are stable under one key and differ across keys', () => {
    const first = redact(TEXT, matches, { mode: 'hash', key: KEY }).text;
    const again = redact(TEXT, matches, { mode: 'hash', key: KEY }).text;
    const other = redact(TEXT, matches, { mode: 'hash', key: 'another-secret-0123456789' }).text;
    expect(first).toBe(again);
    expect(first).not.toBe(other);
    expect(first).toMatch(
      /^Mail \[EMAIL_ADDRESS:[0-9a-f]{8}\] or call \[PHONE_NUMBER:[0-9a-f]{8}\]; card \[CREDIT_CARD:[0-9a-f]{8}\]\.$/,
    );
    for (const m of matches) expect(first.includes(TEXT.slice(m.start, m.end))).toBe(false);
  });

  it('gives equal values one pseudonym however they are written, and different values different ones', () => {
    expect(pseudonym('4111 1111 1111 1111', 'CREDIT_CARD', KEY)).toBe(
      pseudonym('4111-1111-1111-1111', 'CREDIT_CARD', KEY),
    );
    expect(pseudonym('Jane@Example.com', 'EMAIL_ADDRESS', KEY)).toBe(
      pseudonym('jane@example.com', 'EMAIL_ADDRESS', KEY),
    );
    expect(pseudonym('jane@example.com', 'EMAIL_ADDRESS', KEY)).not.toBe(
      pseudonym('john@example.com', 'EMAIL_ADDRESS', KEY),
    );
    expect(pseudonym('x', 'PERSON', KEY)).not.toBe(
      pseudonym('x', 'EMAIL_ADDRESS', KEY).replace('EMAIL_ADDRESS', 'PERSON'),
    );
    expect(canonicalValue('PERSON', '  Jane \n Doe ')).toBe('Jane Doe');
  });

  it('fails closed without a proper key or vault, on unknown modes and on bad spans', () => {
    expect(() => redact(TEXT, matches, { mode: 'hash' })).toThrow(TypeError);
    expect(() => redact(TEXT, matches, { mode: 'hash', key: 'short' })).toThrow(RangeError);
    expect(() => redact(TEXT, matches, { mode: 'tokenize' })).toThrow(TypeError);
    expect(() => redact(TEXT, matches, { mode: 'scramble' as 'mask' })).toThrow(TypeError);
    expect(() => redact('abc', [match(1, 9, 'X')], { mode: 'mask' })).toThrow(RangeError);
    expect(() => redact('abc', [match(-1, 2, 'X')], { mode: 'mask' })).toThrow(RangeError);
  });

  it('tokenizes reversibly through the vault', () => {
    const vault = createVault();
    const { text } = redact(TEXT, matches, { mode: 'tokenize', vault });
    for (const m of matches) expect(text.includes(TEXT.slice(m.start, m.end))).toBe(false);
    expect(text).toMatch(/\[EMAIL_ADDRESS:tok_[a-z2-7]{16}\]/);
    expect(vault.detokenize(text)).toBe(TEXT);
  });

  it('resolves overlapping matches: most confident, then longest', () => {
    const text = 'abcdefghij';
    const overlapping = [match(0, 4, 'SHORT', 0.9), match(2, 8, 'LONG', 0.9), match(6, 10, 'SURE', 1)];
    const result = redact(text, overlapping, { mode: 'mask' });
    expect(result.text).toBe('[SHORT]ef[SURE]');
    expect(redact(text, [match(0, 4, 'A'), match(0, 8, 'B')], { mode: 'mask' }).text).toBe('[B]ij');
  });

  it('sanitises labels so a placeholder cannot inject markup', () => {
    expect(redact('secret', [match(0, 6, 'x]<b>')], { mode: 'mask' }).text).toBe('[X__B_]');
  });

  it('leaves text without matches untouched', () => {
    expect(redact(TEXT, [], { mode: 'mask' })).toEqual({ text: TEXT, replacements: [] });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileText } from './fixtures/events.js';
import { boundedText, headAtWordBoundary, isEscapedCodeUnit, isSafeText } from './safeText.js';

const ESCAPED = [
  ...Array.from({ length: 0x20 }, (_, c) => c),
  ...Array.from({ length: 0xa0 - 0x7f }, (_, i) => 0x7f + i),
  0x061c,
  0x200e,
  0x200f,
  0x2028,
  0x2029,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
];

describe('safeText', () => {
  it('escapes exactly the controls, line separators and bidi characters, visibly', () => {
    const wrong: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if (isEscapedCodeUnit(c) !== ESCAPED.includes(c)) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
    expect(boundedText('a\nb', 80)).toBe('a\\u{0A}b');
    expect(boundedText('\u001b[31mred', 80)).toBe('\\u{1B}[31mred');
    expect(boundedText('\u0000\u007f\u0085\u2028\u202e\u2066', 80)).toBe(
      '\\u{00}\\u{7F}\\u{85}\\u{2028}\\u{202E}\\u{2066}',
    );
    expect(boundedText('emoji 😀 and é stay', 80)).toBe('emoji 😀 and é stay');
  });

  it('escapes lone surrogates and keeps pairs whole', () => {
    expect(boundedText('a\ud800b\udc00', 80)).toBe('a\\u{D800}b\\u{DC00}');
    expect(boundedText('\ud83d\ude00', 80)).toBe('\ud83d\ude00');
  });

  it('cuts with an ellipsis, never inside an escape or a surrogate pair', () => {
    expect(boundedText('x'.repeat(81), 80)).toBe(`${'x'.repeat(79)}…`);
    expect(boundedText('x'.repeat(80), 80)).toBe('x'.repeat(80));
    expect(boundedText(`${'x'.repeat(78)}😀`, 80)).toBe(`${'x'.repeat(78)}😀`);
    expect(boundedText(`${'x'.repeat(78)}😀y`, 80)).toBe(`${'x'.repeat(78)}…`);
    expect(boundedText(`${'x'.repeat(76)}\n`, 80)).toBe(`${'x'.repeat(76)}…`);
  });

  it('is safe, bounded and unchanged when already safe, for any input (property)', () => {
    fc.assert(
      fc.property(hostileText(200), fc.integer({ min: 1, max: 120 }), (text, max) => {
        const out = boundedText(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(isSafeText(out, max)).toBe(true);
        if (isSafeText(text, max)) expect(out).toBe(text);
        // Idempotent: a bounded text is its own bound.
        expect(boundedText(out, max)).toBe(out);
      }),
      { numRuns: 300 },
    );
  });

  it('reads only the head of a huge input', () => {
    const huge = `${'a'.repeat(50)}${'\n'.repeat(10_000_000)}`;
    const out = boundedText(huge, 80);
    expect(out.length).toBeLessThanOrEqual(80);
    expect(out.startsWith('a'.repeat(50))).toBe(true);
    expect(out.endsWith('…')).toBe(true);
  });

  it('headAtWordBoundary does not split a word when it can avoid it', () => {
    expect(headAtWordBoundary('short', 10)).toEqual({ text: 'short', cut: false });
    expect(headAtWordBoundary('hello secretvalue', 10)).toEqual({ text: 'hello', cut: true });
    expect(headAtWordBoundary('x'.repeat(20), 10)).toEqual({ text: 'x'.repeat(10), cut: true });
  });
});

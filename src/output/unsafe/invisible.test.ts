import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HIDDEN_INSTRUCTION, SMUGGLED } from './fixtures/exfiltration.js';
import { findInvisible, stripInvisible } from './invisible.js';

describe('stripInvisible', () => {
  it('decodes and strips ASCII smuggled in Unicode tag characters', () => {
    const text = `Here is the link.${SMUGGLED} Bye.`;
    const result = stripInvisible(text);
    expect(result.text).toBe('Here is the link. Bye.');
    expect(result.matches).toHaveLength(1);
    expect(result.matches[0]).toMatchObject({
      type: 'invisible:tag-characters',
      start: 17,
      end: 17 + SMUGGLED.length,
    });
    expect(result.matches[0]!.detail).toBe(HIDDEN_INSTRUCTION);
  });
  it('strips bidi overrides and isolates (Trojan Source)', () => {
    const text = 'access_level = "user\u202e \u2066// Check if admin\u2069 \u2066"';
    const result = stripInvisible(text);
    expect(result.text).toBe('access_level = "user // Check if admin "');
    expect(result.matches.map((m) => m.type)).toEqual([
      'invisible:bidi',
      'invisible:bidi',
      'invisible:bidi',
      'invisible:bidi',
    ]);
    expect(result.matches[0]!.confidence).toBeGreaterThan(0.9);
  });
  it('strips zero-width runs that split words or encode bits', () => {
    const result = stripInvisible('pass\u200bword and \u200b\u200c\u200b\u200c\u200c\u200b data');
    expect(result.text).toBe('password and  data');
    expect(result.matches.map((m) => [m.type, m.end - m.start])).toEqual([
      ['invisible:zero-width', 1],
      ['invisible:zero-width', 6],
    ]);
  });
  it('keeps emoji sequences, emoji flags, variation selectors and joiners in Indic and Persian words', () => {
    const text = '👨‍👩‍👧 ❤️ 👍🏽 🏳️‍🌈 1️⃣ 🏴󠁧󠁢󠁳󠁣󠁴󠁿 क्‍ष می‌خواهم 葛󠄀';
    expect(stripInvisible(text)).toEqual({ text, matches: [] });
  });
  it('does not keep a joiner or selector that follows other hidden characters', () => {
    expect(stripInvisible('a\u200b\ufe0f').text).toBe('a');
    expect(stripInvisible(`a${String.fromCodePoint(0xe0041)}\ufe0f`).text).toBe('a');
    expect(stripInvisible('\ufe0fa').text).toBe('a');
    expect(stripInvisible('😀\ufe0f\ufe0f\ufe0f').text).toBe('😀');
  });
  it('is idempotent and leaves nothing to find (property)', () => {
    const hidden = [
      '\u200b',
      '\u200c',
      '\u200d',
      '\u202e',
      '\u2066',
      '\u2069',
      '\ufe0f',
      '\ufeff',
      '\u00ad',
      '󠁁',
      '🏴',
      '😀',
      'a',
      'क',
      ' ',
      'ش',
    ];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(fc.constantFrom(...hidden)).map((p) => p.join('')),
        ),
        (text) => {
          const once = stripInvisible(text).text;
          expect(stripInvisible(once).text).toBe(once);
          expect(findInvisible(once)).toEqual([]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

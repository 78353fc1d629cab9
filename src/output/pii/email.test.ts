import { describe, expect, it } from 'vitest';
import { found } from './fixtures/found.js';

describe('EMAIL_ADDRESS', () => {
  it('finds ordinary addresses with their exact span', () => {
    expect(found('Contact john.doe+tag@example.co.uk.', 'EMAIL_ADDRESS')).toEqual([
      'john.doe+tag@example.co.uk',
    ]);
    expect(found('mailto:Foo.Bar@Example.COM', 'EMAIL_ADDRESS')).toEqual(['Foo.Bar@Example.COM']);
    expect(found('<a_b%c@mail-server.example.org>', 'EMAIL_ADDRESS')).toEqual([
      'a_b%c@mail-server.example.org',
    ]);
    expect(found('one@a.io, two@b.dev', 'EMAIL_ADDRESS')).toEqual(['one@a.io', 'two@b.dev']);
    expect(found('user@xn--bcher-kva.example', 'EMAIL_ADDRESS')).toEqual(['user@xn--bcher-kva.example']);
  });

  it('rejects near misses', () => {
    for (const text of [
      'x@y',
      'a@b.c',
      '@mention here',
      'john@localhost',
      'a..b@example.com',
      'dot.@example.com',
      'me@-bad.com',
      'me@example.c0m',
      'version@1.2.3',
    ]) {
      expect(found(text, 'EMAIL_ADDRESS'), text).toEqual([]);
    }
  });

  it('trims leading punctuation and trailing dots', () => {
    expect(found("'quoted@example.com'.", 'EMAIL_ADDRESS')).toEqual(['quoted@example.com']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyKey, classifyKeyWords, mayNameCredential } from './keyNames.js';

describe('credential key pre-filter', () => {
  it('never rules out a key classifyKey would accept (property)', () => {
    const part = fc.oneof(
      fc.constantFrom(
        'pass',
        'Word',
        'PW',
        'pwd',
        'api',
        'Key',
        'token',
        'SECRET',
        'db',
        '_',
        '-',
        'user',
        'name',
        'x',
      ),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(
        fc.array(part, { maxLength: 5 }).map((p) => p.join('')),
        (key) => {
          if (classifyKeyWords(key) !== undefined) expect(mayNameCredential(key)).toBe(true);
          expect(classifyKey(key)).toBe(classifyKeyWords(key));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('agrees on every qualifier + key form', () => {
    const qualifiers = [
      'api',
      'access',
      'private',
      'secret',
      'signing',
      'encryption',
      'master',
      'client',
      'app',
      'auth',
    ];
    for (const q of qualifiers) {
      for (const key of [`${q}_key`, `${q}Key`, `${q.toUpperCase()}-KEY`, `x_${q}_key`]) {
        expect(classifyKey(key)).toBe(classifyKeyWords(key));
      }
    }
  });

  it('rules out ordinary words and keeps credential names', () => {
    for (const word of ['the', 'quarterly', 'revenue', 'function', 'median', 'values']) {
      expect(mayNameCredential(word)).toBe(false);
    }
    for (const key of ['DB_PASSWORD', 'apiKey', 'client_secret', 'GITHUB_TOKEN', 'pwd', 'Passphrase']) {
      expect(mayNameCredential(key)).toBe(true);
      expect(classifyKey(key)).toBeDefined();
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSecrets } from './detectSecrets.js';
import { BASE64, githubToken, randomOf, seeded } from './fixtures/tokens.js';

/**
 * Work is counted as calls of String.prototype.charCodeAt (what every scanner loop does per
 * character), not measured as time: a linear scanner does O(1) reads per character of input.
 */
function reads(text: string): number {
  const original = String.prototype.charCodeAt;
  let count = 0;
  String.prototype.charCodeAt = function (this: string, index: number): number {
    count++;
    return original.call(this, index);
  };
  try {
    detectSecrets(text, { fingerprintKey: 'k' });
  } finally {
    String.prototype.charCodeAt = original;
  }
  return count;
}

const rand = seeded(42);
const KIB = 1024;

/** Adversarial inputs: repeated anchors, separators and near-tokens that each open a scan. */
const ADVERSARIAL: readonly (readonly [string, (size: number) => string])[] = [
  ['ghp_ repeated', (n) => 'ghp_'.repeat(n / 4)],
  ['ghp_ + almost-token', (n) => `ghp_${'a'.repeat(35)} `.repeat(n / 40)],
  ['a=a=a=', (n) => 'a='.repeat(n / 2)],
  ['password=password=', (n) => 'password='.repeat(n / 9)],
  ['password: " unclosed', (n) => 'password: "x'.repeat(n / 12)],
  ['&quot; openers', (n) => 'pw: &quot;ab'.repeat(n / 12)],
  ['base64', (n) => randomOf(BASE64, n, rand)],
  ['base64 words', (n) => `${randomOf(BASE64, 39, rand)} `.repeat(n / 40)],
  ['key word + base64 runs', (n) => `key ${randomOf(BASE64, 60, rand)}\n`.repeat(n / 65)],
  ['eyJ repeated', (n) => 'eyJ'.repeat(n / 3)],
  ['eyJ. runs', (n) => 'eyJhbGciOiJIUzI1NiJ9.'.repeat(n / 21)],
  ['BEGIN without END', (n) => '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(n / 32)],
  [
    'BEGIN with one END at the end',
    (n) => `${'-----BEGIN PRIVATE KEY-----\nMIIB\n'.repeat(n / 34)}-----END PRIVATE KEY-----`,
  ],
  ['://', (n) => '://'.repeat(n / 3)],
  ['scheme://user:', (n) => 'postgres://u:'.repeat(n / 13)],
  ['URL with @ and no end', (n) => `redis://${'a:b@'.repeat(n / 4)}`],
  ['AKIA repeated', (n) => 'AKIA'.repeat(n / 4)],
  ['SK + hex', (n) => `SK${'0a'.repeat(16)} `.repeat(n / 35)],
  ['xoxb- dashes', (n) => `xoxb-${'1-'.repeat(n / 2)}`],
  ['<password> tags', (n) => '<password>'.repeat(n / 10)],
  ['MI repeated', (n) => 'MI'.repeat(n / 2)],
  ['spaces and flags', (n) => '--password '.repeat(n / 11)],
  ['quotes', (n) => `"${'password "'.repeat(n / 10)}`],
  ['github tokens', (n) => `${githubToken(rand)} `.repeat(n / 41)],
];

describe('linear time on adversarial input', () => {
  for (const [name, make] of ADVERSARIAL) {
    it(`${name}: work grows linearly and stays bounded per character`, () => {
      const small = make(16 * KIB);
      const large = make(64 * KIB);
      const a = reads(small);
      const b = reads(large);
      // Four times the input costs about four times the work (quadratic would be sixteen).
      expect(b / Math.max(1, a)).toBeLessThan(5.5);
      expect(b / large.length).toBeLessThan(400);
    });
  }
});

describe('robustness', () => {
  it('never throws and returns well-formed matches on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const matches = detectSecrets(text, { fingerprintKey: 'k' });
        let last = 0;
        for (const m of matches) {
          expect(m.start).toBeGreaterThanOrEqual(last);
          expect(m.end).toBeGreaterThan(m.start);
          expect(m.end).toBeLessThanOrEqual(text.length);
          expect(m.confidence).toBeGreaterThan(0);
          expect(m.confidence).toBeLessThanOrEqual(1);
          last = m.end;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on text built from secret-shaped fragments', () => {
    const fragment = fc.constantFrom(
      'ghp_',
      'sk-',
      'sk-proj-',
      'T3BlbkFJ',
      'AKIA',
      'xoxb-',
      'eyJ',
      '.',
      '-----BEGIN PRIVATE KEY-----',
      '-----END PRIVATE KEY-----',
      '://',
      '@',
      ':',
      '=',
      '"',
      "'",
      'password',
      'token',
      ' ',
      '\n',
      '\\n',
      'MII',
      'AAAA',
      'Zx9',
      '&quot;',
      '<password>',
      '</password>',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 80 }), (parts) => {
        const text = parts.join('');
        expect(() => detectSecrets(text)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

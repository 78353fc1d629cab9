import { describe, expect, it } from 'vitest';
import { isValidBech32 } from './bech32.js';
import { base62, crc32, hasBase62Crc } from './crc32.js';
import { expectedRandomEntropy, shannonEntropy } from './entropy.js';
import { isPlaceholder, longestSequence, looksFake, maxQuadgramCount } from './fake.js';

describe('crc32 and base62', () => {
  it('matches the CRC-32 check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(base62(0, 6)).toBe('000000');
    expect(base62(61, 2)).toBe('0z');
    const body = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect(hasBase62Crc(`${body}${base62(crc32(body), 6)}`, 0, 36)).toBe(true);
    expect(hasBase62Crc(`${body}000000`, 0, 36)).toBe(false);
  });

  it('validates bech32 (BIP-173 test vectors)', () => {
    expect(isValidBech32('A12UEL5L')).toBe(true);
    expect(isValidBech32('abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw')).toBe(true);
    expect(isValidBech32('abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx')).toBe(false);
  });
});

describe('entropy', () => {
  it('measures bits per character', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(expectedRandomEntropy(1000, 16)).toBeCloseTo(4, 2);
  });
});

describe('example and placeholder checks', () => {
  it('spots human patterns', () => {
    expect(longestSequence('xx1234567yy', 0, 11)).toBe(7);
    expect(longestSequence('ab9876zz', 0, 8)).toBe(4);
    expect(maxQuadgramCount('TESTTESTTEST', 0, 12)).toBe(3);
    expect(looksFake('AKIAIOSFODNN7EXAMPLE', 0, 20)).toBe(true);
    expect(looksFake('q7Xk29LmPz4RvT8wNc3B', 0, 20)).toBe(false);
  });

  it.each([
    'password',
    '****',
    '<password>',
    `\${DB_PASS}`,
    '$DB_PASS',
    '%(pw)s',
    '{{ pw }}',
    'changeme',
    'xxx-xxx',
    'your-token',
    '__PASSWORD__',
  ])('treats %s as a placeholder', (value) => {
    expect(isPlaceholder(value, 0, value.length)).toBe(true);
  });

  it('keeps real-looking values', () => {
    for (const value of ['S3cr3t-Pa55', 'Tq8!zR2w', 'n84ASM54y4'])
      expect(isPlaceholder(value, 0, value.length)).toBe(false);
  });
});

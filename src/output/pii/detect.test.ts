import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../redact/index.js';
import { detectPii } from './detect.js';
import { PII_ENTITIES } from './entities.js';
import { PII_ENTITY_NAMES } from './types.js';

const SAMPLE =
  'Mr. John Smith (john.smith@example.com, +44 20 7946 0018) paid with 4111 1111 1111 1111 from ' +
  'GB82 WEST 1234 5698 7654 32; SSN 536-22-8726; born on March 5, 1990; lives at 221B Baker Street, ' +
  'London NW1 6XE; last login from 192.168.0.1.';

/** Pieces that look like PII or almost like it, to make random texts hit the scanners. */
const PIECES = [
  '4111 1111 1111 1111',
  '4111111111111112',
  'GB82WEST12345698765432',
  'gb82 west',
  '536-22-8726',
  '666-12-3456',
  '192.168.0.1',
  '999.1.1.1',
  'fe80::1',
  '::',
  '+1 415-555-2671',
  '(415) 555-2671 x12',
  'Phone:',
  'call me on',
  'SSN',
  'born on',
  'March 5, 1990',
  '1990-03-05',
  'a@b.co',
  '@@',
  'Mr.',
  'My name is',
  'Michael',
  'Baker Street',
  '221B',
  'P.O. Box',
  'Apt.',
  ' ',
  '\n',
  '-',
  '.',
  ',',
  '(',
  ')',
  '0',
  '1',
  'x',
];
const piiLike = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ maxLength: 300 }),
  piiLike,
);

describe('detectPii', () => {
  it('finds every entity in a mixed text, sorted and typed', () => {
    const matches = detectPii(SAMPLE);
    const byLabel = new Map(matches.map((m) => [m.label, SAMPLE.slice(m.start, m.end)]));
    expect(Object.fromEntries(byLabel)).toEqual({
      PERSON: 'John Smith',
      EMAIL_ADDRESS: 'john.smith@example.com',
      PHONE_NUMBER: '+44 20 7946 0018',
      CREDIT_CARD: '4111 1111 1111 1111',
      IBAN_CODE: 'GB82 WEST 1234 5698 7654 32',
      US_SSN: '536-22-8726',
      DATE_OF_BIRTH: 'March 5, 1990',
      STREET_ADDRESS: '221B Baker Street, London NW1 6XE',
      IP_ADDRESS: '192.168.0.1',
    });
    for (const match of matches) {
      expect(match.type).toBe(`pii:${match.label.toLowerCase()}`);
      expect(match.type).toBe(PII_ENTITIES[match.label as keyof typeof PII_ENTITIES].type);
    }
  });

  it('restricts to the requested entities', () => {
    const matches = detectPii(SAMPLE, { entities: ['CREDIT_CARD', 'US_SSN'] });
    expect(matches.map((m) => m.label)).toEqual(['CREDIT_CARD', 'US_SSN']);
    expect(detectPii(SAMPLE, { entities: [] })).toEqual([]);
  });

  it('has a table entry for every entity', () => {
    expect(Object.keys(PII_ENTITIES).sort()).toEqual([...PII_ENTITY_NAMES].sort());
  });

  it('resolves overlaps between entities in favour of the checksum-verified one', () => {
    const text = 'phone 4111 1111 1111 1111';
    expect(detectPii(text).map((m) => m.label)).toEqual(['CREDIT_CARD']);
  });

  it('returns nothing for empty input and rejects non-text and unknown entities', () => {
    expect(detectPii('')).toEqual([]);
    expect(() => detectPii(undefined as unknown as string)).toThrow(TypeError);
    expect(() => detectPii('x', { entities: ['PASSPORT' as 'PERSON'] })).toThrow(TypeError);
  });

  it('never throws, and returns sorted, in-bounds, non-overlapping spans', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const matches = detectPii(text);
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
      { numRuns: 400 },
    );
  });

  it('masking removes every matched value', () => {
    fc.assert(
      fc.property(piiLike, (text) => {
        const matches = detectPii(text);
        const { text: masked } = redact(text, matches, { mode: 'mask' });
        for (const m of matches) {
          const value = text.slice(m.start, m.end);
          // The value is gone unless it also occurs outside every match (then it was not detected there).
          const elsewhere =
            text.split(value).length - 1 > matches.filter((n) => text.slice(n.start, n.end) === value).length;
          if (!elsewhere) expect(masked.includes(value), value).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('stays linear on long adversarial inputs', () => {
    for (const unit of ['1 ', '1.', '@a', 'a::', '(1) ', '+1 ', 'GB82', 'Mr ', '1 Main ', 'born 1/1/1990 ']) {
      const text = unit.repeat(Math.ceil(50_000 / unit.length));
      const started = performance.now();
      detectPii(text);
      expect(performance.now() - started, unit).toBeLessThan(5_000); // quadratic work on 50 000 characters would take minutes
    }
  });
});

import { describe, expect, it } from 'vitest';
import { detectPii } from './detect.js';
import { found } from './fixtures/found.js';

describe('PHONE_NUMBER', () => {
  it('finds validated international numbers without context', () => {
    expect(found('Reach the desk on +44 20 7946 0018 today', 'PHONE_NUMBER')).toEqual(['+44 20 7946 0018']);
    expect(found('+1 415-555-2671', 'PHONE_NUMBER')).toEqual(['+1 415-555-2671']);
    expect(found('ring 0044 20 7946 0018', 'PHONE_NUMBER')).toEqual(['0044 20 7946 0018']);
  });

  it('finds formatted numbers valid in the default region', () => {
    expect(found('Call me at (415) 555-2671 tomorrow', 'PHONE_NUMBER')).toEqual(['(415) 555-2671']);
    expect(found('415.555.2671', 'PHONE_NUMBER')).toEqual(['415.555.2671']);
    expect(found('020 7946 0018', 'PHONE_NUMBER')).toEqual([]);
    expect(found('020 7946 0018', 'PHONE_NUMBER', { defaultRegion: 'GB' })).toEqual(['020 7946 0018']);
  });

  it('keeps extensions in the span', () => {
    expect(found('Office: 415-555-2671 x204.', 'PHONE_NUMBER')).toEqual(['415-555-2671 x204']);
    expect(found('415-555-2671 ext. 12', 'PHONE_NUMBER')).toEqual(['415-555-2671 ext. 12']);
  });

  it('accepts unvalidated phone-shaped numbers only next to a phone word', () => {
    expect(found('Phone: 555-0100', 'PHONE_NUMBER')).toEqual(['555-0100']);
    expect(found('fax\n12 34 56 78', 'PHONE_NUMBER')).toEqual(['12 34 56 78']);
    expect(found('12 34 56 78 office', 'PHONE_NUMBER')).toEqual(['12 34 56 78']);
    expect(found('We sold 12 34 56 78 units', 'PHONE_NUMBER')).toEqual([]);
  });

  it('tells order, invoice and reference numbers from phones', () => {
    for (const text of [
      'Order 4155552671 shipped',
      'Order #415-555-2671 shipped',
      'Invoice no. 415-555-2671',
      'tracking 415 555 2671',
      'account 4155552671, call us if wrong',
      'ref 2025-01-15',
      '4155552671',
    ]) {
      expect(found(text, 'PHONE_NUMBER'), text).toEqual([]);
    }
  });

  it('does not read dates, times, IPs, cards or SSNs as phones', () => {
    for (const text of [
      'Date: 2000-04-16 11:34:35',
      'on 16.04.2000',
      'ip 192.168.100.200',
      'card 4111 1111 1111 1111',
      'SSN 536-22-8726',
    ]) {
      expect(
        detectPii(text).filter((m) => m.label === 'PHONE_NUMBER'),
        text,
      ).toEqual([]);
    }
  });

  it('rejects runs that are too short or too long', () => {
    expect(found('call 555 12', 'PHONE_NUMBER')).toEqual([]);
    expect(found('call 1234567890123456789', 'PHONE_NUMBER')).toEqual([]);
  });
});

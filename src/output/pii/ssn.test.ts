import { describe, expect, it } from 'vitest';
import { found } from './fixtures/found.js';
import { isValidSsn } from './ssn.js';

describe('US_SSN', () => {
  it('finds dashed SSNs anywhere and other forms only after an SSN word', () => {
    expect(found('536-22-8726', 'US_SSN')).toEqual(['536-22-8726']);
    expect(found('Here is my SSN: 536-22-8726.', 'US_SSN')).toEqual(['536-22-8726']);
    expect(found('social security number 536 22 8726', 'US_SSN')).toEqual(['536 22 8726']);
    expect(found('ssn: 536228726', 'US_SSN')).toEqual(['536228726']);
    expect(found('536228726', 'US_SSN')).toEqual([]);
    expect(found('536 22 8726', 'US_SSN')).toEqual([]);
  });

  it('excludes the invalid ranges and advertising numbers', () => {
    for (const ssn of [
      '000-22-8726',
      '666-22-8726',
      '900-22-8726',
      '999-22-8726',
      '536-00-8726',
      '536-22-0000',
      '078-05-1120',
      '219-09-9999',
    ]) {
      expect(isValidSsn(ssn.split('-').join('')), ssn).toBe(false);
      expect(found(`SSN ${ssn}`, 'US_SSN'), ssn).toEqual([]);
    }
    expect(isValidSsn('899-99-9999'.split('-').join(''))).toBe(true);
  });

  it('does not take a piece of a longer number', () => {
    expect(found('1-536-22-8726', 'US_SSN')).toEqual([]);
    expect(found('536-22-87261', 'US_SSN')).toEqual([]);
    expect(found('SSN 5362287261', 'US_SSN')).toEqual([]);
  });
});

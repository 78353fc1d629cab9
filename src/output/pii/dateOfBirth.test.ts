import { describe, expect, it } from 'vitest';
import { found } from './fixtures/found.js';

describe('DATE_OF_BIRTH', () => {
  it('finds dates after or before a birth word, in several formats', () => {
    const cases: [string, string][] = [
      ['Born on March 5, 1990 in Ohio', 'March 5, 1990'],
      ['DOB: 1990-03-05', '1990-03-05'],
      ['date of birth 05.03.1990', '05.03.1990'],
      ['She was born on 2/8/1935.', '2/8/1935'],
      ['birthday: 5th of March 1990', '5th of March 1990'],
      ['b. Mar. 5th, 1990 — birthdate: 3/5/90', '3/5/90'],
      ['1990-03-05 is my birthday', '1990-03-05'],
    ];
    for (const [text, value] of cases) expect(found(text, 'DATE_OF_BIRTH'), text).toEqual([value]);
  });

  it('ignores other dates and impossible ones', () => {
    for (const text of [
      'Meeting on March 5, 1990',
      'Date: 1978-04-13 12:20:39',
      'born in 1977',
      'born on 1990-02-30',
      'born on 13/13/1990',
      'born on March 5, 1850',
      'born 2/8',
    ]) {
      expect(found(text, 'DATE_OF_BIRTH'), text).toEqual([]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { found } from './fixtures/found.js';

describe('STREET_ADDRESS', () => {
  it('finds number + name + street type, with unit and locality', () => {
    expect(found('I live at 221B Baker Street, London NW1 6XE.', 'STREET_ADDRESS')).toEqual([
      '221B Baker Street, London NW1 6XE',
    ]);
    expect(found('1600 Pennsylvania Avenue NW, Washington, DC 20500', 'STREET_ADDRESS')).toEqual([
      '1600 Pennsylvania Avenue NW, Washington, DC 20500',
    ]);
    expect(found('Send it to 42 Elm St. Apt. 4B, Springfield, IL 62704!', 'STREET_ADDRESS')).toEqual([
      '42 Elm St. Apt. 4B, Springfield, IL 62704',
    ]);
    expect(found('10 Downing Street\nLondon\nSW1A 2AA', 'STREET_ADDRESS')).toEqual([
      '10 Downing Street\nLondon\nSW1A 2AA',
    ]);
  });

  it('finds P.O. boxes, military addresses and continental forms', () => {
    expect(found('Mail: P.O. Box 1234, Austin, TX 78701.', 'STREET_ADDRESS')).toEqual([
      'P.O. Box 1234, Austin, TX 78701',
    ]);
    expect(found('PSC 3294, Box 9168\nAPO AA 61487', 'STREET_ADDRESS')).toEqual([
      'PSC 3294, Box 9168\nAPO AA 61487',
    ]);
    expect(found('Wir wohnen in der Hauptstraße 5, Berlin.', 'STREET_ADDRESS')).toEqual([
      'Hauptstraße 5, Berlin',
    ]);
    expect(found('Rua Augusta 25 é aqui', 'STREET_ADDRESS')).toEqual(['Rua Augusta 25']);
  });

  it('does not read counts and sentences as addresses', () => {
    for (const text of [
      'I walked 5 miles down the road',
      'founded in 1977. Since then',
      'They had 6: Romi, Erik and Amy',
      'Chapter 3 describes the way forward',
      'Hauptstraße is long',
    ]) {
      expect(found(text, 'STREET_ADDRESS'), text).toEqual([]);
    }
  });
});

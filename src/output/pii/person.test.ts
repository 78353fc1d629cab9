import { describe, expect, it } from 'vitest';
import { found } from './fixtures/found.js';

describe('PERSON', () => {
  it('finds names after titles and name phrases (without the cue)', () => {
    expect(found('Mr. John Smith called', 'PERSON')).toEqual(['John Smith']);
    expect(found('please ask ms. Marcela', 'PERSON')).toEqual(['Marcela']);
    expect(found('Dr Okonkwo will see you', 'PERSON')).toEqual(['Okonkwo']);
    expect(found('My name is Jane Doe.', 'PERSON')).toEqual(['Jane Doe']);
    expect(found('Name:    Abby M. Laidlaw', 'PERSON')).toEqual(['Abby M. Laidlaw']);
    expect(found('Hi Freddy, how are you?', 'PERSON')).toEqual(['Freddy']);
    expect(found('my name is lena andersson.', 'PERSON')).toEqual(['lena andersson']);
  });

  it('finds listed first names with a surname, and First M. Last', () => {
    expect(found('Then Michael Busch arrived', 'PERSON')).toEqual(['Michael Busch']);
    expect(found('Maja S Hermansen', 'PERSON')).toEqual(['Maja S Hermansen']);
    expect(found('Janka M. Szász', 'PERSON')).toEqual(['Janka M. Szász']);
    expect(found('Why is Samantha so impulsive?', 'PERSON')).toEqual(['Samantha']);
  });

  it('stops at possessives, street names and function words', () => {
    expect(found("the verses from Alice Goldberg's Cautionary Tales", 'PERSON')).toEqual(['Alice Goldberg']);
    expect(found('the corner of Peter Street and Main', 'PERSON')).toEqual([]);
    expect(found('Ana Caciola 1159', 'PERSON')).toEqual([]);
    expect(found('My name is John and I like tea', 'PERSON')).toEqual(['John']);
  });

  it('does not invent names', () => {
    for (const text of [
      'The quick brown fox',
      'Hello World!',
      'The name is important to me',
      'I am Happy',
      'Visit Jordan next year',
      'HENRY VIII was a king',
    ]) {
      expect(found(text, 'PERSON'), text).toEqual([]);
    }
  });
});

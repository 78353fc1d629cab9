import { describe, expect, it } from 'vitest';
import { cardBrand, luhnValid } from './creditCard.js';
import { found } from './fixtures/found.js';

/** Public test numbers of the card networks (not real accounts). */
const CARDS: Record<string, string> = {
  Visa: '4111111111111111',
  'Visa 13': '4222222222222',
  Mastercard: '5555555555554444',
  'Mastercard 2-series': '2223003122003222',
  'American Express': '378282246310005',
  Discover: '6011111111111117',
  JCB: '3530111333300000',
  'Diners Club': '30569309025904',
  UnionPay: '6200000000000005',
  Maestro: '6759649826438453',
};

describe('CREDIT_CARD', () => {
  it('knows every brand in the table', () => {
    for (const [brand, number] of Object.entries(CARDS)) {
      expect(luhnValid(number), brand).toBe(true);
      expect(cardBrand(number)?.name.startsWith(brand.split(' ')[0]!), brand).toBe(true);
    }
  });

  it('finds compact and grouped numbers', () => {
    for (const [brand, number] of Object.entries(CARDS)) {
      expect(found(`card ${number} exp 12/29`, 'CREDIT_CARD'), brand).toEqual([number]);
    }
    expect(found('4111 1111 1111 1111', 'CREDIT_CARD')).toEqual(['4111 1111 1111 1111']);
    expect(found('4111-1111-1111-1111', 'CREDIT_CARD')).toEqual(['4111-1111-1111-1111']);
    expect(found('3782 822463 10005', 'CREDIT_CARD')).toEqual(['3782 822463 10005']);
    expect(found(`${CARDS.Visa} ${CARDS.Mastercard}`, 'CREDIT_CARD')).toEqual([CARDS.Visa, CARDS.Mastercard]);
  });

  it('rejects a failing Luhn check, unknown issuers and wrong lengths', () => {
    expect(found('card 4111111111111112', 'CREDIT_CARD')).toEqual([]);
    expect(found('card 9111111111111110', 'CREDIT_CARD')).toEqual([]); // Luhn-valid, no issuer
    expect(luhnValid('9111111111111110')).toBe(true);
    expect(luhnValid('37828224631003')).toBe(true);
    expect(found('card 37828224631003', 'CREDIT_CARD')).toEqual([]); // Amex needs 15 digits
    expect(found('4111 1111 1111 1111 1111 1111 1111', 'CREDIT_CARD')).toEqual([]);
  });

  it('rejects odd groupings, decimals and numbers glued to words', () => {
    expect(found('41 1111 1111 1111 11', 'CREDIT_CARD')).toEqual([]);
    expect(found('0.4111111111111111', 'CREDIT_CARD')).toEqual([]);
    expect(found('id4111111111111111', 'CREDIT_CARD')).toEqual([]);
    expect(found('+4111111111111111', 'CREDIT_CARD')).toEqual([]);
  });

  it('needs a card word for 12-digit Maestro numbers', () => {
    const maestro12 = '675964982648'; // Luhn-valid 12 digits in a Maestro range
    expect(luhnValid(maestro12)).toBe(true);
    expect(found(`ticket ${maestro12}`, 'CREDIT_CARD')).toEqual([]);
    expect(found(`my debit card ${maestro12}`, 'CREDIT_CARD')).toEqual([maestro12]);
  });
});

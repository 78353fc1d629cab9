import { describe, expect, it } from 'vitest';
import { found } from './fixtures/found.js';
import { ibanChecksumValid, isValidIban } from './iban.js';

/** Example IBANs published by the national banks / the SWIFT registry. */
const IBANS = [
  'GB82WEST12345698765432',
  'DE89370400440532013000',
  'FR1420041010050500013M02606',
  'NL91ABNA0417164300',
  'CH9300762011623852957',
  'NO9386011117947',
  'MT84MALT011000012345MTLCAST001S',
];

describe('IBAN_CODE', () => {
  it('validates the registry examples', () => {
    for (const iban of IBANS) expect(isValidIban(iban), iban).toBe(true);
  });

  it('finds compact, grouped and lower-case IBANs', () => {
    for (const iban of IBANS) expect(found(`IBAN: ${iban}.`, 'IBAN_CODE'), iban).toEqual([iban]);
    expect(found('pay to GB82 WEST 1234 5698 7654 32 today', 'IBAN_CODE')).toEqual([
      'GB82 WEST 1234 5698 7654 32',
    ]);
    expect(found('my iban is de89370400440532013000', 'IBAN_CODE')).toEqual(['de89370400440532013000']);
  });

  it('rejects a wrong check digit, a wrong length and unknown countries', () => {
    expect(ibanChecksumValid('GB82WEST12345698765433')).toBe(false);
    expect(found('GB82WEST12345698765433', 'IBAN_CODE')).toEqual([]);
    expect(found('GB83WEST12345698765432', 'IBAN_CODE')).toEqual([]);
    expect(found('GB82WEST1234569876543', 'IBAN_CODE')).toEqual([]);
    expect(found('GB82WEST123456987654321', 'IBAN_CODE')).toEqual([]);
    expect(found('ZZ82WEST12345698765432', 'IBAN_CODE')).toEqual([]);
    expect(found('XGB82WEST12345698765432', 'IBAN_CODE')).toEqual([]);
  });
});

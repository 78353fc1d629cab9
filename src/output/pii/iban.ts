import { isAsciiAlnum, isAsciiLetter, isAsciiUpper, isDigit, isWordCharAt } from './chars.js';
import type { PiiCandidate } from './types.js';

/**
 * IBAN length per country (ISO 13616, SWIFT IBAN registry). Territories that use another country's
 * IBAN (e.g. French overseas departments use FR) are covered by that country.
 */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

const CONFIDENCE = 1;

function charValue(code: number): number {
  if (isDigit(code)) return code - 48;
  return (isAsciiUpper(code) ? code - 65 : code - 97) + 10;
}

/** ISO 7064 mod 97-10 over the compact IBAN (country, check digits, BBAN; any letter case). */
export function ibanChecksumValid(compact: string): boolean {
  if (compact.length < 5) return false;
  let remainder = 0;
  for (let k = 0; k < compact.length; k++) {
    const code = compact.charCodeAt((k + 4) % compact.length);
    if (!isAsciiAlnum(code)) return false;
    const value = charValue(code);
    remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/** True when `value` (spaces allowed) is a complete IBAN with the right length and check digits. */
export function isValidIban(value: string): boolean {
  const compact = value.split(' ').join('');
  const length = IBAN_LENGTHS[compact.slice(0, 2).toUpperCase()];
  return length !== undefined && compact.length === length && ibanChecksumValid(compact);
}

/** Reads `length` alphanumerics from `start`, allowing single spaces between them; returns the end or -1. */
function readCompact(
  text: string,
  start: number,
  length: number,
): { end: number; compact: string } | undefined {
  let compact = '';
  let i = start;
  while (i < text.length && compact.length < length) {
    const code = text.charCodeAt(i);
    if (isAsciiAlnum(code)) {
      compact += text[i];
      i++;
    } else if (code === 32 && compact.length >= 4 && isAsciiAlnum(text.charCodeAt(i + 1))) {
      i++;
    } else {
      break;
    }
  }
  if (compact.length !== length) return undefined;
  return { end: i, compact };
}

/**
 * IBANs printed compact or in groups separated by single spaces: a known country code, that
 * country's exact length, and the mod-97 check. Letter case is ignored (people type lower case).
 */
export function detectIbans(text: string): PiiCandidate[] {
  const found: PiiCandidate[] = [];
  let i = 0;
  while (i + 4 <= text.length) {
    const a = text.charCodeAt(i);
    if (
      !isAsciiLetter(a) ||
      isWordCharAt(text, i - 1) ||
      !isAsciiLetter(text.charCodeAt(i + 1)) ||
      !isDigit(text.charCodeAt(i + 2)) ||
      !isDigit(text.charCodeAt(i + 3))
    ) {
      i++;
      continue;
    }
    const length = IBAN_LENGTHS[text.slice(i, i + 2).toUpperCase()];
    const read = length === undefined ? undefined : readCompact(text, i, length);
    if (read && !isWordCharAt(text, read.end) && ibanChecksumValid(read.compact)) {
      found.push({ entity: 'IBAN_CODE', start: i, end: read.end, confidence: CONFIDENCE });
      i = read.end;
      continue;
    }
    i++;
  }
  return found;
}

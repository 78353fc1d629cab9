import type { CountryCode } from 'libphonenumber-js/max';

/** The PII entities `detectPii` knows. Names follow Microsoft Presidio's where one exists. */
export const PII_ENTITY_NAMES = [
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'CREDIT_CARD',
  'IBAN_CODE',
  'US_SSN',
  'IP_ADDRESS',
  'DATE_OF_BIRTH',
  'STREET_ADDRESS',
  'PERSON',
] as const;
export type PiiEntity = (typeof PII_ENTITY_NAMES)[number];

export interface DetectPiiOptions {
  /** Entities to look for; default: all of them. */
  readonly entities?: readonly PiiEntity[];
  /** Region for phone numbers written without a country code; default `US`. */
  readonly defaultRegion?: CountryCode;
}

/** One raw hit of one scanner, before overlaps between scanners are resolved. */
export interface PiiCandidate {
  readonly entity: PiiEntity;
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
}

/** The region used when none is given. */
export const DEFAULT_REGION: CountryCode = 'US';

import type { PiiEntity } from './types.js';

/** How one PII entity is found, what it covers and what it does not. Shown by docs and the CLI. */
export interface PiiEntityInfo {
  /** `OutputMatch.type`: `pii:<entity in lower case>`. */
  readonly type: `pii:${string}`;
  /** `OutputMatch.label` and the mask placeholder. */
  readonly label: PiiEntity;
  /** Verified by a checksum or an authoritative validator (libphonenumber metadata, `node:net`). */
  readonly validated: boolean;
  /** The confidences the scanner reports, highest first. */
  readonly confidence: readonly number[];
  readonly method: string;
  readonly covers: string;
  readonly notCovered: string;
}

/** Every entity `detectPii` reports (control C19, OWASP LLM02 sensitive information disclosure). */
export const PII_ENTITIES: Readonly<Record<PiiEntity, PiiEntityInfo>> = {
  EMAIL_ADDRESS: {
    type: 'pii:email_address',
    label: 'EMAIL_ADDRESS',
    validated: false,
    confidence: [0.95],
    method:
      "Scanner anchored on '@': dot-atom local part (≤ 64 chars), LDH domain labels, alphabetic 2–24 letter or xn-- TLD.",
    covers: 'name.surname+tag@sub.example.co.uk, UPPER@EXAMPLE.COM, addresses inside URLs and mailto: links.',
    notCovered:
      'Quoted local parts, IP-literal domains, Unicode (non-punycode) domains, obfuscated forms ("john at example dot com").',
  },
  PHONE_NUMBER: {
    type: 'pii:phone_number',
    label: 'PHONE_NUMBER',
    validated: true,
    confidence: [0.9, 0.85, 0.7, 0.6],
    method:
      'Bounded scanner for phone-shaped runs, each judged by libphonenumber-js (max metadata): valid international numbers (+ or 00) 0.9; numbers valid in the default region and formatted or announced 0.85; international numbers of possible length 0.7; any phone-shaped run of 7–15 digits announced by a phone word (phone, call, fax, mobile, …) or labelled after (office, fax) 0.6.',
    covers:
      '+1-984-182-0190, (579) 888-3058, 020 7946 0018 in GB, +46 (0)8 928 571 38, 001-518-640-0854, extensions x123 / ext. 12.',
    notCovered:
      'Unformatted national numbers without a phone word (too easily order or account numbers), numbers written with words, vanity numbers (1-800-FLOWERS), numbers split by "/".',
  },
  CREDIT_CARD: {
    type: 'pii:credit_card',
    label: 'CREDIT_CARD',
    validated: true,
    confidence: [1, 0.9, 0.75],
    method:
      '12–19 digits, compact or in groups starting with four digits separated by spaces or dashes; Luhn check plus issuer (IIN) range and length of Visa, Mastercard (51–55, 2221–2720), American Express, Discover, JCB (3528–3589; legacy 1800/2131 15-digit), Diners Club, UnionPay, Maestro.',
    covers:
      '4111 1111 1111 1111, 4111-1111-1111-1111, 378282246310005, 6011…, 12-digit Maestro next to a card word.',
    notCovered:
      'Masked or partial numbers (**** 1234), brands outside the table (Mir, RuPay, Elo, Verve), numbers broken by other characters.',
  },
  IBAN_CODE: {
    type: 'pii:iban_code',
    label: 'IBAN_CODE',
    validated: true,
    confidence: [1],
    method:
      'Country code from the IBAN registry, exact length for that country, ISO 7064 mod 97-10 check; compact or grouped by single spaces, any letter case.',
    covers: 'GB82WEST12345698765432, DE89 3704 0044 0532 0130 00, lower-case ibans.',
    notCovered:
      'Countries outside the registry table, IBANs broken across lines or with other separators, BBAN-only account numbers.',
  },
  US_SSN: {
    type: 'pii:us_ssn',
    label: 'US_SSN',
    validated: true,
    confidence: [0.95, 0.85, 0.8],
    method:
      'AAA-GG-SSSS with dashes anywhere; with spaces or dots, or as 9 bare digits, only after an SSN word (SSN, social security, …). Area 000, 666 and 900–999, group 00, serial 0000 and the SSA advertising numbers are rejected.',
    covers: '123-45-6789 style numbers; "SSN: 123456789".',
    notCovered: 'ITINs (9xx), numbers split across lines, SSNs spelled out.',
  },
  IP_ADDRESS: {
    type: 'pii:ip_address',
    label: 'IP_ADDRESS',
    validated: true,
    confidence: [0.9],
    method:
      'Dotted quads and hex/colon runs checked by node:net isIP; IPv6 with :: compression and embedded IPv4.',
    covers: '192.168.0.1, 2001:db8::1, ::ffff:10.0.0.1, 1.2.3.4 on its own.',
    notCovered:
      'Dotted quads after a version word (version/ver/release/build/firmware/v) or inside longer dotted numbers (1.2.3.4.5), IPv6 zone ids (%eth0), addresses without a digit (dead::beef), CIDR suffixes (the /24 is not part of the span).',
  },
  DATE_OF_BIRTH: {
    type: 'pii:date_of_birth',
    label: 'DATE_OF_BIRTH',
    validated: false,
    confidence: [0.8],
    method:
      'A complete, existing date (1900–today) within 40 characters after a birth word (born, DOB, date of birth, birthday, …) or followed by one; formats YYYY-MM-DD, M/D/YYYY, D.M.YYYY, D-M-YY, "March 5, 1990", "5th of March 1990".',
    covers: 'Dates of birth announced as such.',
    notCovered:
      'Other dates and times (appointments, years on their own, weekdays), ages, dates without a year.',
  },
  STREET_ADDRESS: {
    type: 'pii:street_address',
    label: 'STREET_ADDRESS',
    validated: false,
    confidence: [0.7, 0.65, 0.6],
    method:
      'House number + one to four name words (first capitalised) + a street type (USPS Publication 28 suffixes, British/Australian types; the last type word within reach wins); continental forms "Pohlstrasse 9", "Luite tee 87", "Rua Igreja 25", "ul. Zamkowa 33" (listed street-word endings and prefixes + house number); "the corner of X and Y"; P.O. boxes and US military addresses (PSC/Unit … Box …, APO/FPO/DPO). Then optional units (Apt., Suite, #) and up to three locality segments (capitalised words, state code, ZIP or UK postcode) after commas or line breaks.',
    covers:
      '221B Baker Street, London NW1 6XE; 1600 Pennsylvania Avenue NW, Washington, DC 20500; Hauptstraße 5, Berlin; P.O. Box 12.',
    notCovered:
      'Addresses without a street-type word or listed continental street word, lower-case addresses, landmarks and building names, non-Latin scripts, localities written in lower case.',
  },
  PERSON: {
    type: 'pii:person',
    label: 'PERSON',
    validated: false,
    confidence: [0.8, 0.75, 0.7, 0.6, 0.55, 0.5, 0.45],
    method:
      'Cues only, no statistical NER: title words (Mr., Mrs, Ms., Dr., Prof., …) before capitalised words → 0.8; phrases (my name is, Name:, named, called, Dear, "Hi X,") → 0.6–0.8; weak phrases (I\'m, I am, says, said) only before two name words or a listed first name → 0.5; a hand-written list of 393 common first names followed by a capitalised surname → 0.55, or alone → 0.45; First M. Last with a middle initial → 0.5. A listed name followed by a street type or a house number is a street, not a person.',
    covers:
      'Names introduced by a title or a phrase, common first names with or without a surname, First M. Last.',
    notCovered:
      'Surnames alone, first names outside the list without a cue (most non-Western names), names in all capitals, names in lower case unless introduced by "my name is"/"Name:" in text without capitals.',
  },
};

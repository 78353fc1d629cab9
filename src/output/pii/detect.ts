import { resolveOverlaps } from '../redact/resolve.js';
import type { OutputMatch } from '../types.js';
import { detectStreetAddresses } from './address.js';
import { detectCreditCards } from './creditCard.js';
import { detectDatesOfBirth } from './dateOfBirth.js';
import { detectEmails } from './email.js';
import { PII_ENTITIES } from './entities.js';
import { detectIbans } from './iban.js';
import { detectIpAddresses } from './ip.js';
import { detectPersons } from './person.js';
import { detectPhones } from './phone.js';
import { detectSsns } from './ssn.js';
import {
  DEFAULT_REGION,
  type DetectPiiOptions,
  PII_ENTITY_NAMES,
  type PiiCandidate,
  type PiiEntity,
} from './types.js';

type Scanner = (text: string, options: Required<Pick<DetectPiiOptions, 'defaultRegion'>>) => PiiCandidate[];

const SCANNERS: Readonly<Record<PiiEntity, Scanner>> = {
  EMAIL_ADDRESS: (text) => detectEmails(text),
  PHONE_NUMBER: (text, options) => detectPhones(text, options.defaultRegion),
  CREDIT_CARD: (text) => detectCreditCards(text),
  IBAN_CODE: (text) => detectIbans(text),
  US_SSN: (text) => detectSsns(text),
  IP_ADDRESS: (text) => detectIpAddresses(text),
  DATE_OF_BIRTH: (text) => detectDatesOfBirth(text),
  STREET_ADDRESS: (text) => detectStreetAddresses(text),
  PERSON: (text) => detectPersons(text),
};

/**
 * Finds personal data in `text` (control C19, OWASP LLM02). Every scanner is a linear loop over the
 * text with bounded look-ahead; overlaps between entities are resolved (most confident, then
 * longest), so the result is sorted and non-overlapping. Offsets are UTF-16 code units.
 */
export function detectPii(text: string, options: DetectPiiOptions = {}): OutputMatch[] {
  // Fail closed: a caller passing something that is not text gets an error, not "no PII".
  if (typeof text !== 'string') throw new TypeError('detectPii: text must be a string');
  if (text.length === 0) return [];
  const entities = options.entities ?? PII_ENTITY_NAMES;
  const scanOptions = { defaultRegion: options.defaultRegion ?? DEFAULT_REGION };
  const candidates: PiiCandidate[] = [];
  for (const entity of new Set(entities)) {
    const scanner = SCANNERS[entity];
    if (!scanner) throw new TypeError(`Unknown PII entity: ${String(entity)}`);
    for (const candidate of scanner(text, scanOptions)) candidates.push(candidate);
  }
  return resolveOverlaps(candidates).map((candidate) => {
    const info = PII_ENTITIES[candidate.entity];
    return {
      type: info.type,
      start: candidate.start,
      end: candidate.end,
      confidence: candidate.confidence,
      label: info.label,
    };
  });
}

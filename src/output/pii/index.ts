export { CARD_BRANDS, type CardBrand, cardBrand, luhnValid } from './creditCard.js';
export { detectPii } from './detect.js';
export { PII_ENTITIES, type PiiEntityInfo } from './entities.js';
export { IBAN_LENGTHS, ibanChecksumValid, isValidIban } from './iban.js';
export { isValidSsn } from './ssn.js';
export { DEFAULT_REGION, type DetectPiiOptions, PII_ENTITY_NAMES, type PiiEntity } from './types.js';

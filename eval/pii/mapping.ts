/**
 * The entity types this evaluation scores, named as in the dataset (Presidio's names). The dataset
 * uses the same names as maestro for the first eight; maestro's DATE_OF_BIRTH is scored against the
 * dataset's broader DATE_TIME (partial by design: maestro reports only dates of birth).
 */
export const EVAL_ENTITIES = [
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'CREDIT_CARD',
  'IBAN_CODE',
  'US_SSN',
  'IP_ADDRESS',
  'PERSON',
  'STREET_ADDRESS',
  'DATE_TIME',
] as const;
export type EvalEntity = (typeof EVAL_ENTITIES)[number];

/** Entities with a target: F1 ≥ 0.90 and above every peer. */
export const TARGET_ENTITIES: readonly EvalEntity[] = [
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'CREDIT_CARD',
  'IBAN_CODE',
  'US_SSN',
  'IP_ADDRESS',
];
export const TARGET_F1 = 0.9;

export function isEvalEntity(type: string): type is EvalEntity {
  return (EVAL_ENTITIES as readonly string[]).includes(type);
}

/** maestro label → dataset type. */
export const MAESTRO_TO_DATASET: Readonly<Record<string, EvalEntity>> = {
  EMAIL_ADDRESS: 'EMAIL_ADDRESS',
  PHONE_NUMBER: 'PHONE_NUMBER',
  CREDIT_CARD: 'CREDIT_CARD',
  IBAN_CODE: 'IBAN_CODE',
  US_SSN: 'US_SSN',
  IP_ADDRESS: 'IP_ADDRESS',
  PERSON: 'PERSON',
  STREET_ADDRESS: 'STREET_ADDRESS',
  DATE_OF_BIRTH: 'DATE_TIME',
};

/** @openai/guardrails PIIEntity → dataset type (entities not listed are ignored). */
export const OPENAI_TO_DATASET: Readonly<Record<string, EvalEntity>> = {
  EMAIL_ADDRESS: 'EMAIL_ADDRESS',
  PHONE_NUMBER: 'PHONE_NUMBER',
  CREDIT_CARD: 'CREDIT_CARD',
  IBAN_CODE: 'IBAN_CODE',
  US_SSN: 'US_SSN',
  IP_ADDRESS: 'IP_ADDRESS',
  PERSON: 'PERSON',
  LOCATION: 'STREET_ADDRESS',
  DATE_TIME: 'DATE_TIME',
};

/** @presidio-dev/hai-guardrails piiGuard replacement markers → dataset type. */
export const HAI_MARKERS: Readonly<Record<string, EvalEntity>> = {
  '[REDACTED-EMAIL]': 'EMAIL_ADDRESS',
  '[REDACTED-PHONE]': 'PHONE_NUMBER',
  '[REDACTED-SSN]': 'US_SSN',
  '[REDACTED-CREDIT-CARD]': 'CREDIT_CARD',
  '[REDACTED-IP-ADDRESS]': 'IP_ADDRESS',
};

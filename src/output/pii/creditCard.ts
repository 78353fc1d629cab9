import { contextBefore, isDigit, isWordCharAt } from './chars.js';
import type { PiiCandidate } from './types.js';

/** An issuer identification number range: the first `digits` digits lie in [low, high]. */
interface IinRange {
  readonly low: number;
  readonly high: number;
  readonly digits: number;
}

export interface CardBrand {
  readonly name: string;
  readonly lengths: readonly number[];
  readonly ranges: readonly IinRange[];
}

const r = (low: number, high = low): IinRange => ({ low, high, digits: String(low).length });
const span = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Issuer ranges and lengths of the brands we recognise (public IIN tables as printed on the brands'
 * acceptance guides and summarised in ISO/IEC 7812 references). A number must match one brand's
 * range AND one of that brand's lengths AND pass Luhn.
 */
export const CARD_BRANDS: readonly CardBrand[] = [
  { name: 'Visa', lengths: [13, 16, 19], ranges: [r(4)] },
  { name: 'Mastercard', lengths: [16], ranges: [r(51, 55), r(2221, 2720)] },
  { name: 'American Express', lengths: [15], ranges: [r(34), r(37)] },
  { name: 'Discover', lengths: span(16, 19), ranges: [r(6011), r(644, 649), r(65), r(622126, 622925)] },
  { name: 'JCB', lengths: span(16, 19), ranges: [r(3528, 3589)] },
  { name: 'JCB (legacy 15-digit)', lengths: [15], ranges: [r(1800), r(2131)] },
  { name: 'Diners Club', lengths: span(14, 19), ranges: [r(300, 305), r(3095), r(36), r(38, 39)] },
  { name: 'UnionPay', lengths: span(16, 19), ranges: [r(62)] },
  {
    name: 'Maestro',
    lengths: span(12, 19),
    ranges: [r(50), r(56, 58), r(6304), r(6759), r(6761, 6763)],
  },
];

/** Luhn (mod 10) check over a string of ASCII digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** The brand whose ranges and lengths fit `digits`, if any. */
export function cardBrand(digits: string): CardBrand | undefined {
  for (const brand of CARD_BRANDS) {
    if (!brand.lengths.includes(digits.length)) continue;
    for (const range of brand.ranges) {
      const prefix = Number(digits.slice(0, range.digits));
      if (prefix >= range.low && prefix <= range.high) return brand;
    }
  }
  return undefined;
}

const MIN_DIGITS = 12;
const MAX_DIGITS = 19;
const CONTEXT_WINDOW = 48;
const CARD_WORDS = [
  'card',
  'cards',
  'cc',
  'credit',
  'debit',
  'visa',
  'mastercard',
  'amex',
  'american express',
  'discover',
  'jcb',
  'diners',
  'unionpay',
  'maestro',
  'pan',
  'cardholder',
  'payment',
];

interface DigitRun {
  readonly end: number;
  readonly digits: string;
  readonly groups: readonly number[];
}

/**
 * Reads digits with single spaces or dashes between groups (one kind of separator per number),
 * starting at `start`. Stops after MAX_DIGITS + 1 digits: such runs are never cards.
 */
function readRun(text: string, start: number): DigitRun {
  let digits = '';
  const groups: number[] = [];
  let group = 0;
  let separator = -1;
  let i = start;
  while (i < text.length && digits.length <= MAX_DIGITS) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      digits += text[i];
      group++;
      i++;
      continue;
    }
    if (
      (code === 32 || code === 45) &&
      (separator === -1 || separator === code) &&
      isDigit(text.charCodeAt(i + 1)) &&
      // Printed groups: four digits first, then three to six; anything else ends the number.
      (groups.length === 0 ? group === 4 : group >= 3 && group <= 6)
    ) {
      separator = code;
      groups.push(group);
      group = 0;
      i++;
      continue;
    }
    break;
  }
  groups.push(group);
  return { end: i, digits, groups };
}

/** Printed cards start with a group of four (4-4-4-4, 4-6-5, 4-6-4, 4-4-4-4-3); others are not cards. */
function plausibleGrouping(groups: readonly number[]): boolean {
  if (groups.length === 1) return true;
  return groups[0] === 4 && groups.every((g) => g >= 3 && g <= 6);
}

/**
 * Payment card numbers: 12–19 digits (optionally grouped by spaces or dashes) that pass Luhn and fit a
 * brand's IIN range and length. 12-digit numbers (Maestro) need a card word nearby.
 */
export function detectCreditCards(text: string): PiiCandidate[] {
  const found: PiiCandidate[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text.charCodeAt(i)) || isWordCharAt(text, i - 1)) {
      i++;
      continue;
    }
    const prev = text.charCodeAt(i - 1);
    const run = readRun(text, i);
    const glued =
      isWordCharAt(text, run.end) ||
      (run.end < text.length &&
        (text[run.end] === '.' || text[run.end] === ',') &&
        isDigit(text.charCodeAt(run.end + 1)));
    // A '+' or a decimal point in front means a phone number or an amount, not a card.
    const badPrefix = prev === 43 || ((prev === 46 || prev === 44) && isDigit(text.charCodeAt(i - 2)));
    const n = run.digits.length;
    if (!glued && !badPrefix && n >= MIN_DIGITS && n <= MAX_DIGITS && plausibleGrouping(run.groups)) {
      if (luhnValid(run.digits) && cardBrand(run.digits)) {
        const context = contextBefore(text, i, CONTEXT_WINDOW, CARD_WORDS) !== undefined;
        const confidence = n >= 14 ? 1 : context ? 0.9 : n === 13 ? 0.75 : 0;
        if (confidence > 0) found.push({ entity: 'CREDIT_CARD', start: i, end: run.end, confidence });
      }
    }
    // Skip the whole run, including digits and groups past the 19th digit.
    let next = run.end;
    while (
      next < text.length &&
      (isDigit(text.charCodeAt(next)) ||
        ((text.charCodeAt(next) === 32 || text.charCodeAt(next) === 45) &&
          n > MAX_DIGITS &&
          isDigit(text.charCodeAt(next + 1))))
    ) {
      next++;
    }
    i = Math.max(next, i + 1);
  }
  return found;
}

import { type CountryCode, type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import {
  contextAfter,
  contextBefore,
  hasDigitBetween,
  isDigit,
  isDigitAt,
  isWordCharAt,
  lineBreaksBetween,
} from './chars.js';
import type { PiiCandidate } from './types.js';

/** Words before a number that say it is a phone number. */
export const PHONE_WORDS_BEFORE = [
  'phone',
  'phones',
  'telephone',
  'tel',
  'mobile',
  'mob',
  'cell',
  'cellphone',
  'fax',
  'desk',
  'landline',
  'hotline',
  'whatsapp',
  'signal',
  'sms',
  'text',
  'texts',
  'call',
  'calls',
  'called',
  'calling',
  'dial',
  'ring',
  'answer',
  'answering',
  'voicemail',
  'message',
  'messages',
  'contact',
  'reach',
];
/** Labels right after a number ("555 0100 office", "...-Fax"). */
export const PHONE_LABELS_AFTER = ['office', 'fax', 'mobile', 'cell', 'home', 'work', 'desk', 'tel', 'phone'];
/** Words right before a number that make it something else (order numbers, boxes, accounts). */
export const NOT_PHONE_WORDS = [
  'order',
  'invoice',
  'ref',
  'reference',
  'tracking',
  'ticket',
  'account',
  'acct',
  'iban',
  'card',
  'ssn',
  'zip',
  'postcode',
  'postal',
  'id',
  'serial',
  'case',
  'box',
  'apt',
  'suite',
  'unit',
  'room',
  'isbn',
  'version',
  'no',
  'nr',
  'receipt',
  'transaction',
  'sku',
  'part',
];

const MAX_CANDIDATE = 40;
const MIN_NATIONAL_DIGITS = 7;
const MAX_DIGITS = 15;
const CONTEXT_WINDOW = 40;
const NEGATIVE_WINDOW = 16;
const LABEL_WINDOW = 12;
const MAX_EXTENSION_DIGITS = 6;

interface PhoneRun {
  readonly start: number;
  /** End of the number without its extension. */
  readonly mainEnd: number;
  /** End including an extension such as `x459` or ` ext. 12`. */
  readonly end: number;
  readonly digits: string;
  readonly groups: readonly number[];
  readonly separators: string;
  readonly plus: boolean;
}

function isSeparator(ch: string | undefined): boolean {
  return ch === ' ' || ch === '-' || ch === '.';
}

/** Reads an extension (`x123`, ` x 123`, ` ext. 123`, ` extension 123`) at `at`; returns its end or `at`. */
function readExtension(text: string, at: number): number {
  let i = at;
  if (text[i] === ' ') i++;
  const lower = text.slice(i, i + 10).toLowerCase();
  let marker = 0;
  if (lower.startsWith('extension')) marker = 9;
  else if (lower.startsWith('ext.')) marker = 4;
  else if (lower.startsWith('ext')) marker = 3;
  else if (lower.startsWith('x')) marker = 1;
  if (marker === 0) return at;
  i += marker;
  if (text[i] === ' ') i++;
  const from = i;
  while (i < text.length && i - from <= MAX_EXTENSION_DIGITS && isDigit(text.charCodeAt(i))) i++;
  const length = i - from;
  if (length === 0 || length > MAX_EXTENSION_DIGITS || isWordCharAt(text, i)) return at;
  return i;
}

/** Reads a phone-shaped run at `start` (bounded to MAX_CANDIDATE characters), or undefined. */
function readRun(text: string, start: number): PhoneRun | undefined {
  let i = start;
  const plus = text[i] === '+';
  if (plus) i++;
  let digits = '';
  const groups: number[] = [];
  let separators = '';
  let group = 0;
  let inParens = false;
  while (i < text.length && i - start < MAX_CANDIDATE) {
    const ch = text[i]!;
    if (isDigit(ch.charCodeAt(0))) {
      digits += ch;
      group++;
      i++;
      continue;
    }
    if (ch === '(' && !inParens && group === 0 && isDigitAt(text, i + 1)) {
      inParens = true;
      separators += '(';
      i++;
      continue;
    }
    if (ch === ')' && inParens && group > 0) {
      inParens = false;
      groups.push(group);
      group = 0;
      i++;
      if (isSeparator(text[i]) && isDigitAt(text, i + 1)) {
        separators += text[i];
        i++;
      } else if (!isDigitAt(text, i)) {
        return undefined;
      }
      continue;
    }
    if (
      isSeparator(ch) &&
      !inParens &&
      group > 0 &&
      (isDigitAt(text, i + 1) || (text[i + 1] === '(' && isDigitAt(text, i + 2)))
    ) {
      groups.push(group);
      group = 0;
      separators += ch;
      i++;
      continue;
    }
    break;
  }
  if (inParens || group === 0 || digits.length === 0) return undefined;
  groups.push(group);
  const mainEnd = i;
  const end = readExtension(text, mainEnd);
  return { start, mainEnd, end, digits, groups, separators, plus };
}

/** `2000-04-16`, `16.04.2000`, `4-16-2000`: dates, not phone numbers. */
function looksLikeDate(run: PhoneRun): boolean {
  const [a, b, c] = run.groups;
  if (run.groups.length !== 3 || run.separators.length !== 2 || run.separators[0] !== run.separators[1]) {
    return false;
  }
  if (run.separators[0] === ' ') return false;
  if (a === 4 && b! <= 2 && c! <= 2) return true;
  return a! <= 2 && b! <= 2 && (c === 4 || c === 2);
}

function parse(text: string, region?: CountryCode): PhoneNumber | undefined {
  try {
    return parsePhoneNumberFromString(text, region);
  } catch {
    return undefined;
  }
}

interface PhoneContext {
  readonly positive: boolean;
  readonly negative: boolean;
}

function phoneContext(text: string, run: PhoneRun): PhoneContext {
  const before = contextBefore(text, run.start, CONTEXT_WINDOW, PHONE_WORDS_BEFORE);
  const beforeOk =
    before !== undefined &&
    !hasDigitBetween(text, run.start - before.distance, run.start) &&
    lineBreaksBetween(text, run.start - before.distance, run.start) <= 1;
  const after = contextAfter(text, run.end, LABEL_WINDOW, PHONE_LABELS_AFTER);
  const afterOk =
    after !== undefined && after.distance <= 3 && !hasDigitBetween(text, run.end, run.end + after.distance);
  const not = contextBefore(text, run.start, NEGATIVE_WINDOW, NOT_PHONE_WORDS);
  let negative =
    not !== undefined &&
    !hasDigitBetween(text, run.start - not.distance, run.start) &&
    (!beforeOk || not.distance < before!.distance);
  // "#12345" or "# 12345" is a reference number.
  const hash = text[run.start - 1] === '#' || (text[run.start - 1] === ' ' && text[run.start - 2] === '#');
  if (hash) negative = true;
  return { positive: beforeOk || afterOk, negative };
}

/**
 * Phone numbers. Candidates are phone-shaped runs (digits with single spaces, dashes, dots or one
 * parenthesised group, optional `+`, optional extension), read by a bounded scanner; each is then
 * judged on its own slice:
 * - international (`+` or `00`): libphonenumber-valid → 0.9; possible length and formatted or
 *   announced by a phone word → 0.7;
 * - national: valid in `region` and formatted or announced → 0.85;
 * - otherwise, announced by a phone word before it or labelled after it (`office`, `fax`) → 0.6
 *   (shape only: not validated);
 * and rejected when a reference word (`order`, `invoice`, `#`, `box`, …) is nearer than any phone word.
 */
export function detectPhones(text: string, region: CountryCode): PiiCandidate[] {
  const found: PiiCandidate[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const startsHere =
      (isDigit(code) || ((code === 43 || code === 40) && isDigitAt(text, i + 1))) &&
      !isWordCharAt(text, i - 1);
    const prev = text[i - 1];
    const continuesNumber =
      (prev === '.' || prev === '-' || prev === '/' || prev === ',' || prev === '+') &&
      isDigitAt(text, i - 2);
    if (!startsHere || continuesNumber) {
      i++;
      continue;
    }
    const run = readRun(text, i);
    if (!run) {
      i++;
      continue;
    }
    const judged = judge(text, run, region);
    if (judged > 0) {
      found.push({ entity: 'PHONE_NUMBER', start: run.start, end: run.end, confidence: judged });
      i = run.end;
      continue;
    }
    i = Math.max(run.mainEnd, i + 1);
  }
  return found;
}

function judge(text: string, run: PhoneRun, region: CountryCode): number {
  if (isWordCharAt(text, run.end)) return 0;
  // A time follows ("2000-04-16 11:34") or the number runs on: not a phone.
  if (text[run.mainEnd] === ':' && isDigitAt(text, run.mainEnd + 1)) return 0;
  if (looksLikeDate(run)) return 0;
  const intlPrefix = !run.plus && run.digits.startsWith('00') && run.digits[2] !== '0';
  const international = run.plus || intlPrefix;
  const n = run.digits.length - (intlPrefix ? 2 : 0);
  if (n > MAX_DIGITS || n < MIN_NATIONAL_DIGITS) return 0;
  const context = phoneContext(text, run);
  if (context.negative) return 0;
  const main = text.slice(run.start, run.mainEnd);
  const formatted = run.separators.length > 0;
  if (international) {
    const number = parse(intlPrefix ? `+${main.slice(2)}` : main);
    if (number?.isValid()) return 0.9;
    if (number?.isPossible() && (formatted || context.positive)) return 0.7;
    return context.positive ? 0.6 : 0;
  }
  const national = parse(main, region);
  if (national?.isValid() && (formatted || context.positive)) return 0.85;
  return context.positive ? 0.6 : 0;
}

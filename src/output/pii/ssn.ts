import { contextBefore, isDigit, isWordCharAt } from './chars.js';
import type { PiiCandidate } from './types.js';

const CONTEXT_WINDOW = 40;
/** Words that announce a US Social Security number. */
export const SSN_CONTEXT_WORDS = [
  'ssn',
  'ssns',
  'ss#',
  'ssn#',
  'social security',
  'social-security',
  'social sec',
  'soc sec',
  'social security number',
  'social insurance',
];

/** Numbers the SSA published as examples (advertising cards), never issued. */
const PUBLISHED_EXAMPLES = new Set(['078051120', '219099999']);

/**
 * Structural validity of a 9-digit SSN: area not 000, 666 or 900–999; group not 00; serial not
 * 0000; not a published example number.
 */
export function isValidSsn(digits: string): boolean {
  if (digits.length !== 9) return false;
  for (let i = 0; i < 9; i++) if (!isDigit(digits.charCodeAt(i))) return false;
  const area = Number(digits.slice(0, 3));
  const group = Number(digits.slice(3, 5));
  const serial = Number(digits.slice(5));
  if (area === 0 || area === 666 || area >= 900) return false;
  if (group === 0 || serial === 0) return false;
  return !PUBLISHED_EXAMPLES.has(digits);
}

function digitsAt(text: string, start: number, count: number): boolean {
  for (let k = 0; k < count; k++) if (!isDigit(text.charCodeAt(start + k))) return false;
  return true;
}

/** A separator or digit right outside the span that would make it part of a longer number. */
function extendsNumber(text: string, before: number, after: number): boolean {
  if (isWordCharAt(text, before) || isWordCharAt(text, after)) return true;
  const prev = text[before];
  const next = text[after];
  if ((prev === '-' || prev === '.' || prev === '/') && isDigit(text.charCodeAt(before - 1))) return true;
  if ((next === '-' || next === '.' || next === '/') && isDigit(text.charCodeAt(after + 1))) return true;
  return false;
}

/**
 * US Social Security numbers: `AAA-GG-SSSS` with dashes anywhere; with spaces or dots, or as 9 bare
 * digits, only after an SSN context word. Invalid ranges are excluded.
 */
export function detectSsns(text: string): PiiCandidate[] {
  const found: PiiCandidate[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text.charCodeAt(i)) || isWordCharAt(text, i - 1)) {
      i++;
      continue;
    }
    let end = -1;
    let digits = '';
    let formatted = false;
    const sep = text[i + 3];
    if (
      digitsAt(text, i, 3) &&
      (sep === '-' || sep === ' ' || sep === '.') &&
      digitsAt(text, i + 4, 2) &&
      text[i + 6] === sep &&
      digitsAt(text, i + 7, 4)
    ) {
      end = i + 11;
      digits = text.slice(i, i + 3) + text.slice(i + 4, i + 6) + text.slice(i + 7, i + 11);
      formatted = sep === '-';
    } else if (digitsAt(text, i, 9)) {
      end = i + 9;
      digits = text.slice(i, end);
    }
    if (end > 0 && !extendsNumber(text, i - 1, end) && isValidSsn(digits)) {
      const context = contextBefore(text, i, CONTEXT_WINDOW, SSN_CONTEXT_WORDS) !== undefined;
      if (formatted || context) {
        const confidence = formatted ? (context ? 0.95 : 0.85) : 0.8;
        found.push({ entity: 'US_SSN', start: i, end, confidence });
        i = end;
        continue;
      }
    }
    // Skip the rest of this digit run.
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  }
  return found;
}

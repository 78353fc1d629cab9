import { contextAfter, contextBefore, isDigit, isLetter, isWordCharAt, lowerKeepLength } from './chars.js';
import type { PiiCandidate } from './types.js';

/** Words that make a nearby date a date of birth. */
export const BIRTH_WORDS_BEFORE = [
  'born',
  'dob',
  'd.o.b',
  'date of birth',
  'birth date',
  'birthdate',
  'birthday',
  'birth',
  'b-day',
  'bday',
  'geboren',
  'née le',
  'né le',
  'nacido',
  'nacida',
];
export const BIRTH_WORDS_AFTER = ['birthday', 'date of birth', 'dob', 'birth date'];
/** Substrings of every birth word, for the early exit. */
const BIRTH_STEMS = ['born', 'birth', 'dob', 'd.o.b', 'bday', 'b-day', 'geboren', 'né', 'nacid'];

const WINDOW_BEFORE = 40;
const WINDOW_AFTER = 24;
const MIN_YEAR = 1900;

const MONTHS: readonly (readonly string[])[] = [
  ['january', 'jan'],
  ['february', 'feb'],
  ['march', 'mar'],
  ['april', 'apr'],
  ['may'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug'],
  ['september', 'sept', 'sep'],
  ['october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
];

interface DateRead {
  readonly end: number;
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function readNumber(
  text: string,
  at: number,
  maxDigits: number,
): { value: number; end: number; length: number } {
  let i = at;
  while (i < text.length && i - at < maxDigits && isDigit(text.charCodeAt(i))) i++;
  return { value: Number(text.slice(at, i)), end: i, length: i - at };
}

/** Month name (full or abbreviated, optional '.') at `at`; returns month 1–12 and end, or undefined. */
function readMonth(text: string, at: number): { month: number; end: number } | undefined {
  if (!isLetter(text[at]) || isWordCharAt(text, at - 1)) return undefined;
  let i = at;
  while (i < text.length && i - at < 10 && isLetter(text[i])) i++;
  const word = text.slice(at, i).toLowerCase();
  const index = MONTHS.findIndex((names) => names.includes(word));
  if (index < 0) return undefined;
  if (text[i] === '.' && word.length <= 4) i++;
  return { month: index + 1, end: i };
}

function skipOrdinal(text: string, at: number): number {
  const two = text.slice(at, at + 2).toLowerCase();
  if ((two === 'st' || two === 'nd' || two === 'rd' || two === 'th') && !isWordCharAt(text, at + 2))
    return at + 2;
  return at;
}

function skipSpaces(text: string, at: number, comma: boolean): number {
  let i = at;
  if (comma && text[i] === ',') i++;
  while (i < text.length && i - at < 3 && text[i] === ' ') i++;
  return i;
}

function fullYear(value: number, length: number): number {
  if (length === 4) return value;
  const now = new Date().getUTCFullYear() % 100;
  return value > now ? 1900 + value : 2000 + value;
}

function plausible(year: number, month: number, day: number): boolean {
  const thisYear = new Date().getUTCFullYear();
  if (year < MIN_YEAR || year > thisYear) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/** Numeric dates: YYYY-MM-DD, YYYY/MM/DD, and D/M/Y or M/D/Y with '/', '-' or '.' (2- or 4-digit year). */
function readNumericDate(text: string, at: number): DateRead | undefined {
  const first = readNumber(text, at, 4);
  const sep = text[first.end];
  if (sep !== '/' && sep !== '-' && sep !== '.') return undefined;
  const second = readNumber(text, first.end + 1, 2);
  if (second.length === 0 || text[second.end] !== sep) return undefined;
  const third = readNumber(text, second.end + 1, 4);
  if (third.length === 0 || isDigit(text.charCodeAt(third.end))) return undefined;
  if (first.length === 4) {
    if (third.length > 2) return undefined;
    return { end: third.end, year: first.value, month: second.value, day: third.value };
  }
  if (first.length > 2 || (third.length !== 2 && third.length !== 4)) return undefined;
  const year = fullYear(third.value, third.length);
  // Month-first (US) when it fits, else day-first.
  if (plausible(year, first.value, second.value))
    return { end: third.end, year, month: first.value, day: second.value };
  return { end: third.end, year, month: second.value, day: first.value };
}

/** "March 5, 1990", "Mar. 5th 1990", "5 March 1990", "5th of March, 1990". */
function readTextDate(text: string, at: number): DateRead | undefined {
  const monthFirst = readMonth(text, at);
  if (monthFirst) {
    const dayAt = skipSpaces(text, monthFirst.end, false);
    const day = readNumber(text, dayAt, 2);
    if (day.length === 0) return undefined;
    const yearAt = skipSpaces(text, skipOrdinal(text, day.end), true);
    const year = readNumber(text, yearAt, 4);
    if (year.length !== 4 || isDigit(text.charCodeAt(year.end))) return undefined;
    return { end: year.end, year: year.value, month: monthFirst.month, day: day.value };
  }
  const day = readNumber(text, at, 2);
  if (day.length === 0) return undefined;
  let i = skipSpaces(text, skipOrdinal(text, day.end), false);
  if (text.slice(i, i + 3).toLowerCase() === 'of ') i += 3;
  const month = readMonth(text, i);
  if (!month) return undefined;
  const yearAt = skipSpaces(text, month.end, true);
  const year = readNumber(text, yearAt, 4);
  if (year.length !== 4 || isDigit(text.charCodeAt(year.end))) return undefined;
  return { end: year.end, year: year.value, month: month.month, day: day.value };
}

function readDate(text: string, at: number): DateRead | undefined {
  if (isWordCharAt(text, at - 1)) return undefined;
  const read = isDigit(text.charCodeAt(at))
    ? (readNumericDate(text, at) ?? readTextDate(text, at))
    : readTextDate(text, at);
  if (!read || isWordCharAt(text, read.end)) return undefined;
  return plausible(read.year, read.month, read.day) ? read : undefined;
}

/**
 * Dates of birth: a complete date (numeric or with an English month name; years 1900–now) within
 * 40 characters after a birth word (`born`, `DOB`, `date of birth`, `birthday`, …) or followed by
 * one ("… is my birthday"). Dates without such a word are not reported.
 */
export function detectDatesOfBirth(text: string): PiiCandidate[] {
  const found: PiiCandidate[] = [];
  // Most texts mention no birth at all: one linear pass decides.
  const lower = lowerKeepLength(text);
  if (!BIRTH_STEMS.some((stem) => lower.includes(stem))) return found;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (!(isDigit(code) || isLetter(text[i])) || isWordCharAt(text, i - 1)) {
      i++;
      continue;
    }
    const read = readDate(text, i);
    if (!read) {
      // Skip to the end of this word or number.
      while (i < text.length && isWordCharAt(text, i)) i++;
      continue;
    }
    const before = contextBefore(text, i, WINDOW_BEFORE, BIRTH_WORDS_BEFORE);
    const after = before ? undefined : contextAfter(text, read.end, WINDOW_AFTER, BIRTH_WORDS_AFTER);
    if (before || after) found.push({ entity: 'DATE_OF_BIRTH', start: i, end: read.end, confidence: 0.8 });
    i = read.end;
  }
  return found;
}

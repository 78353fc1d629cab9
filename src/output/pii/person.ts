import { STREET_TYPES } from './address.js';
import { isLetter, isLowerLetter, isUpperLetter, isWordCharAt, lowerKeepLength } from './chars.js';
import { FIRST_NAMES } from './firstNames.js';
import type { PiiCandidate } from './types.js';

/** Honorifics that precede a name. Compared case-insensitively, optional final '.'. */
export const TITLES = [
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'dame',
  'madam',
  'mme',
  'mlle',
  'herr',
  'frau',
];

interface Cue {
  readonly phrase: string;
  /** Accept lower-case name words after this cue ("my name is lena andersson"). */
  readonly lowerCase: boolean;
  /** Weak cue ("I'm", "said"): needs two name words or a listed first name ("I'm Happy" is not a name). */
  readonly weak?: boolean;
  readonly confidence: number;
}

/** Phrases after which the next one to three words are a name. */
export const NAME_CUES: readonly Cue[] = [
  { phrase: 'my name is', lowerCase: true, confidence: 0.8 },
  { phrase: 'name is', lowerCase: true, confidence: 0.75 },
  { phrase: 'name:', lowerCase: true, confidence: 0.75 },
  { phrase: 'name?', lowerCase: false, confidence: 0.7 },
  { phrase: 'names are', lowerCase: false, confidence: 0.7 },
  { phrase: 'i am called', lowerCase: false, confidence: 0.75 },
  { phrase: 'named', lowerCase: false, confidence: 0.7 },
  { phrase: 'called', lowerCase: false, confidence: 0.6 },
  { phrase: 'signed', lowerCase: false, confidence: 0.6 },
  { phrase: 'dear', lowerCase: false, confidence: 0.7 },
  { phrase: 'hi', lowerCase: false, confidence: 0.6 },
  { phrase: 'hello', lowerCase: false, confidence: 0.6 },
  { phrase: "i'm", lowerCase: false, confidence: 0.5, weak: true },
  { phrase: 'i’m', lowerCase: false, confidence: 0.5, weak: true },
  { phrase: 'i am', lowerCase: false, confidence: 0.5, weak: true },
  { phrase: 'says', lowerCase: false, confidence: 0.5, weak: true },
  { phrase: 'said', lowerCase: false, confidence: 0.5, weak: true },
];
const TITLE_CONFIDENCE = 0.8;
const LIST_CONFIDENCE = 0.55;
const SINGLE_NAME_CONFIDENCE = 0.45;
/** Listed first names that are also common place or brand names: never reported on their own. */
const PLACE_LIKE = new Set([
  'jordan',
  'austin',
  'logan',
  'madison',
  'charlotte',
  'virginia',
  'eugene',
  'chase',
  'florence',
  'georgia',
  'victoria',
  'lincoln',
  'paris',
  'jan',
  'li',
  'wei',
  'ali',
]);
const INITIAL_CONFIDENCE = 0.5;
const MAX_WORDS = 3;
const MAX_WORD = 30;
/** Lower-case names are read only where the surrounding text has no capitals at all. */
const CASELESS_WINDOW = 60;

const FIRST_NAME_SET = new Set(FIRST_NAMES);
const TITLE_SET = new Set(TITLES);
/** The leading letters of every cue phrase, to try cues only where one can start. */
const CUE_FIRST_WORDS = new Set(
  NAME_CUES.map((cue) => {
    let k = 0;
    while (k < cue.phrase.length && isLetter(cue.phrase[k])) k++;
    return cue.phrase.slice(0, k);
  }),
);
const STREET_TYPE_SET = new Set(STREET_TYPES);

/** Words that are never read as part of a name (capitalised at a sentence start, or function words). */
const STOPWORDS = new Set([
  'a',
  'about',
  'am',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'because',
  'but',
  'by',
  'can',
  'could',
  'did',
  'do',
  'does',
  'for',
  'from',
  'had',
  'has',
  'have',
  'he',
  'her',
  'here',
  'hers',
  'him',
  'his',
  'how',
  'i',
  'if',
  'im',
  'in',
  'is',
  'it',
  'its',
  'just',
  'me',
  'my',
  'no',
  'not',
  'of',
  'on',
  'or',
  'our',
  'please',
  'she',
  'so',
  'thanks',
  'thank',
  'that',
  'the',
  'their',
  'them',
  'then',
  'there',
  'they',
  'this',
  'to',
  'too',
  'was',
  'we',
  'were',
  'what',
  'when',
  'where',
  'which',
  'who',
  'why',
  'will',
  'with',
  'would',
  'yes',
  'you',
  'your',
  'unknown',
  'none',
  'user',
  'customer',
  'admin',
  'sir',
  'madam',
  'team',
  'all',
  'everyone',
  'there',
  'again',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]);

interface Word {
  readonly start: number;
  readonly end: number;
  readonly initial: boolean;
  /** Followed by 's: the name ends here ("Alice Goldberg's book"). */
  readonly possessive: boolean;
}

/** A name word at `at`: letters with internal hyphens/apostrophes, or an initial ("J" / "J."). */
function readNameWord(text: string, at: number, lowerCase: boolean): Word | undefined {
  const first = text[at];
  if (isWordCharAt(text, at - 1) || !isLetter(first)) return undefined;
  if (!isUpperLetter(first) && !(lowerCase && isLowerLetter(first))) return undefined;
  let i = at + 1;
  let possessive = false;
  while (i < text.length && i - at < MAX_WORD) {
    if (isLetter(text[i])) i++;
    else if (
      (text[i] === "'" || text[i] === '’') &&
      (text[i + 1] === 's' || text[i + 1] === 'S') &&
      !isWordCharAt(text, i + 2)
    ) {
      possessive = true;
      break;
    } else if ((text[i] === '-' || text[i] === "'" || text[i] === '’') && isLetter(text[i + 1])) i++;
    else break;
  }
  if (!possessive && isWordCharAt(text, i)) return undefined;
  if (i - at === 1) {
    if (!isUpperLetter(first) && !(lowerCase && text[i] === '.')) return undefined;
    return { start: at, end: text[i] === '.' ? i + 1 : i, initial: true, possessive };
  }
  if (STOPWORDS.has(text.slice(at, i).toLowerCase())) return undefined;
  // "AVA", "HENRY", "DJing": acronyms and headings, not names.
  if (isUpperLetter(text[at + 1]) && i - at > 2) return undefined;
  // All-caps words longer than 3 letters are headings or acronyms, not names.
  return { start: at, end: i, initial: false, possessive };
}

/** Skips 1–3 spaces (not line breaks); returns the index after them, or -1 when there are none. */
function skipSpaces(text: string, at: number): number {
  let i = at;
  while (i < text.length && i - at < 3 && text[i] === ' ') i++;
  return i === at || text[i] === ' ' ? -1 : i;
}

/**
 * Up to three name words starting at `at` (initials allowed between words, not at the end; at the
 * start only when `leadingInitial`, i.e. after a first name).
 * Returns the span end, or -1 when no name word is there.
 */
function readName(text: string, at: number, lowerCase: boolean, leadingInitial = false): number {
  let end = -1;
  let words = 0;
  let i = at;
  for (let k = 0; k < MAX_WORDS + 1; k++) {
    const word = readNameWord(text, i, lowerCase);
    if (!word) break;
    if (word.initial) {
      if (words === 0 && !(leadingInitial && k === 0)) break;
    } else {
      words++;
      end = word.end;
    }
    if (words >= MAX_WORDS || word.possessive) break;
    const next = skipSpaces(text, word.end);
    if (next < 0) break;
    i = next;
  }
  return words >= 1 ? end : -1;
}

function matchesAt(lower: string, at: number, phrase: string): boolean {
  return lower.startsWith(phrase, at) && !isWordCharAt(lower, at - 1);
}

/** True when text[at - window, at + window) contains no upper-case letter. */
function caselessAround(text: string, at: number, window: number): boolean {
  const to = Math.min(text.length, at + window);
  for (let i = Math.max(0, at - window); i < to; i++) if (isUpperLetter(text[i])) return false;
  return true;
}

/**
 * Person names, from cues only (no statistical NER):
 * - a title (`Mr.`, `Mrs`, `Ms.`, `Dr.`, `Prof.`, …) followed by capitalised words → 0.8;
 * - a phrase cue (`my name is`, `Name:`, `named`, `Dear`, `Hi …,`) followed by one to three name
 *   words (lower case allowed after `my name is` / `name is` / `Name:`) → 0.6–0.8;
 * - a listed common first name followed by a capitalised surname (optionally with a middle
 *   initial) → 0.55;
 * - two capitalised words around a middle initial with a period (`Janka M. Szász`) → 0.5.
 * The title or cue itself is not part of the span.
 */
export function detectPersons(text: string): PiiCandidate[] {
  const found: PiiCandidate[] = [];
  const lower = lowerKeepLength(text);
  let i = 0;
  while (i < text.length) {
    if (!isLetter(text[i]) || isWordCharAt(text, i - 1)) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && end - i < MAX_WORD && isLetter(text[end])) end++;
    const word = lower.slice(i, end);
    const hit =
      (TITLE_SET.has(word) ? titleName(text, lower, i) : undefined) ??
      (CUE_FIRST_WORDS.has(word) ? cueName(text, lower, i) : undefined) ??
      (FIRST_NAME_SET.has(word) ? listName(text, lower, i) : undefined) ??
      (isUpperLetter(text[i]) ? initialName(text, i) : undefined);
    if (hit) {
      found.push(hit);
      i = hit.end;
      continue;
    }
    while (i < text.length && isWordCharAt(text, i)) i++;
  }
  return found;
}

function titleName(text: string, lower: string, at: number): PiiCandidate | undefined {
  for (const title of TITLES) {
    if (!matchesAt(lower, at, title)) continue;
    let i = at + title.length;
    if (isWordCharAt(text, i)) continue;
    if (text[i] === '.') i++;
    const start = skipSpaces(text, i);
    if (start < 0) continue;
    const end = readName(text, start, false);
    if (end > 0) return { entity: 'PERSON', start, end, confidence: TITLE_CONFIDENCE };
  }
  return undefined;
}

function cueName(text: string, lower: string, at: number): PiiCandidate | undefined {
  for (const cue of NAME_CUES) {
    if (!matchesAt(lower, at, cue.phrase)) continue;
    let i = at + cue.phrase.length;
    if (isWordCharAt(text, i) && isLetter(cue.phrase[cue.phrase.length - 1])) continue;
    // "Name:    Abby" — allow a longer gap after a label.
    let spaces = 0;
    while (i < text.length && spaces < 8 && (text[i] === ' ' || text[i] === '\t')) {
      i++;
      spaces++;
    }
    if (spaces === 0) continue;
    // "called Dr. Jennifer Holst": the title rule reads the name without the title.
    const titled = titleName(text, lower, i);
    if (titled) return titled;
    const end = readName(text, i, cue.lowerCase && caselessAround(text, i, CASELESS_WINDOW));
    if (end < 0) continue;
    // "Hi Freddy," / "Dear Ms Smith": greetings need a comma after the name.
    if ((cue.phrase === 'hi' || cue.phrase === 'hello') && text[end] !== ',') continue;
    if (cue.weak && !fullOrListed(text, i, end)) continue;
    return { entity: 'PERSON', start: i, end, confidence: cue.confidence };
  }
  return undefined;
}

/** Two or more words, or a listed first name. */
function fullOrListed(text: string, start: number, end: number): boolean {
  let firstEnd = start;
  while (firstEnd < end && isLetter(text[firstEnd])) firstEnd++;
  return firstEnd < end || FIRST_NAME_SET.has(lowerKeepLength(text.slice(start, firstEnd)));
}

function listName(text: string, lower: string, at: number): PiiCandidate | undefined {
  if (!isUpperLetter(text[at])) return undefined;
  let end = at;
  while (end < text.length && end - at < MAX_WORD && isLetter(text[end])) end++;
  const first = lower.slice(at, end);
  if ((isWordCharAt(text, end) && text[end] !== "'" && text[end] !== '’') || !FIRST_NAME_SET.has(first)) {
    return undefined;
  }
  // "HENRY VIII": all capitals is a heading or a title, not a sentence naming someone.
  if (isUpperLetter(text[at + 1])) return undefined;
  // "Anne-Lotte": a compound first name we do not list.
  if (text[end] === '-' && isLetter(text[end + 1])) return undefined;
  const next = skipSpaces(text, end);
  const name = next < 0 || isStreetWord(text, next) ? -1 : readName(text, next, false, true);
  if (name > 0) {
    if (streetFollows(text, name)) return undefined;
    return { entity: 'PERSON', start: at, end: name, confidence: LIST_CONFIDENCE };
  }
  // A listed first name on its own ("Why is Samantha so impulsive?").
  if (PLACE_LIKE.has(first) || streetFollows(text, end) || (next >= 0 && isStreetWord(text, next)))
    return undefined;
  return { entity: 'PERSON', start: at, end, confidence: SINGLE_NAME_CONFIDENCE };
}

/** The capitalised word at `at` is a street type ("Philip Bypass", "John Street"). */
function isStreetWord(text: string, at: number): boolean {
  if (!isUpperLetter(text[at])) return false;
  let end = at;
  while (end < text.length && end - at < MAX_WORD && isLetter(text[end])) end++;
  return STREET_TYPE_SET.has(lowerKeepLength(text.slice(at, end)));
}

/** A street type or a house number right after the name: it is a street name ("Ana Caciola 1159"). */
function streetFollows(text: string, end: number): boolean {
  const next = skipSpaces(text, end);
  if (next < 0) return false;
  if (text.charCodeAt(next) >= 48 && text.charCodeAt(next) <= 57) return true;
  return isStreetWord(text, next);
}

function initialName(text: string, at: number): PiiCandidate | undefined {
  const first = readNameWord(text, at, false);
  if (!first || first.initial) return undefined;
  const middleAt = skipSpaces(text, first.end);
  if (middleAt < 0) return undefined;
  const middle = readNameWord(text, middleAt, false);
  if (!middle?.initial || text[middle.end - 1] !== '.') return undefined;
  const lastAt = skipSpaces(text, middle.end);
  if (lastAt < 0) return undefined;
  const last = readNameWord(text, lastAt, false);
  if (!last || last.initial) return undefined;
  return { entity: 'PERSON', start: at, end: last.end, confidence: INITIAL_CONFIDENCE };
}

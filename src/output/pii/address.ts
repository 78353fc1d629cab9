import { isAsciiUpper, isDigit, isLetter, isUpperLetter, isWordCharAt } from './chars.js';
import type { PiiCandidate } from './types.js';

/**
 * Street-type words: the USPS Publication 28 (Appendix C1) primary street suffixes with their
 * standard abbreviations, plus British, Australian and a few continental abbreviations ("Str.").
 * Abbreviations that are also common short words ("is", "un", "pr", "br", "ext") are left out.
 * Compared case-insensitively, with an optional final '.'.
 */
export const STREET_TYPES: readonly string[] = [
  'alley',
  'aly',
  'anex',
  'arcade',
  'avenue',
  'ave',
  'av',
  'bayou',
  'beach',
  'bend',
  'bluff',
  'bluffs',
  'bottom',
  'boulevard',
  'blvd',
  'branch',
  'bridge',
  'brg',
  'brook',
  'brooks',
  'burg',
  'burgs',
  'bypass',
  'byp',
  'camp',
  'canyon',
  'cape',
  'causeway',
  'cswy',
  'center',
  'centre',
  'centers',
  'circle',
  'cir',
  'circles',
  'cliff',
  'cliffs',
  'close',
  'club',
  'common',
  'commons',
  'corner',
  'corners',
  'course',
  'court',
  'ct',
  'courts',
  'cove',
  'coves',
  'creek',
  'crescent',
  'cres',
  'crest',
  'crossing',
  'xing',
  'crossroad',
  'crossroads',
  'curve',
  'dale',
  'dam',
  'divide',
  'drive',
  'dr',
  'drives',
  'estate',
  'estates',
  'expressway',
  'expy',
  'extension',
  'extensions',
  'falls',
  'ferry',
  'field',
  'fields',
  'flat',
  'flats',
  'ford',
  'fords',
  'forest',
  'forge',
  'forges',
  'fork',
  'forks',
  'fort',
  'freeway',
  'fwy',
  'garden',
  'gardens',
  'gdns',
  'gate',
  'gateway',
  'glen',
  'glens',
  'green',
  'greens',
  'grove',
  'groves',
  'harbor',
  'harbour',
  'harbors',
  'haven',
  'heights',
  'hts',
  'highway',
  'hwy',
  'hill',
  'hills',
  'hollow',
  'inlet',
  'island',
  'islands',
  'isle',
  'junction',
  'junctions',
  'key',
  'keys',
  'knoll',
  'knolls',
  'lake',
  'lakes',
  'landing',
  'lane',
  'ln',
  'light',
  'lights',
  'loaf',
  'lock',
  'locks',
  'lodge',
  'loop',
  'mall',
  'manor',
  'manors',
  'meadow',
  'meadows',
  'mews',
  'mill',
  'mills',
  'mission',
  'motorway',
  'mount',
  'mountain',
  'mountains',
  'neck',
  'orchard',
  'oval',
  'overpass',
  'parade',
  'park',
  'parks',
  'parkway',
  'pkwy',
  'parkways',
  'pass',
  'passage',
  'path',
  'pike',
  'pine',
  'pines',
  'place',
  'pl',
  'plain',
  'plains',
  'plaza',
  'plz',
  'point',
  'points',
  'port',
  'ports',
  'prairie',
  'promenade',
  'quay',
  'radial',
  'ramp',
  'ranch',
  'rapid',
  'rapids',
  'rest',
  'ridge',
  'rdg',
  'ridges',
  'river',
  'road',
  'rd',
  'roads',
  'route',
  'rte',
  'row',
  'rue',
  'run',
  'shoal',
  'shoals',
  'shore',
  'shores',
  'skyway',
  'spring',
  'springs',
  'spur',
  'spurs',
  'square',
  'sq',
  'squares',
  'station',
  'stravenue',
  'stream',
  'street',
  'st',
  'str',
  'streets',
  'summit',
  'terrace',
  'ter',
  'throughway',
  'trace',
  'track',
  'trafficway',
  'trail',
  'trl',
  'trailer',
  'tunnel',
  'turnpike',
  'tpke',
  'underpass',
  'union',
  'unions',
  'valley',
  'valleys',
  'viaduct',
  'view',
  'views',
  'village',
  'villages',
  'ville',
  'vista',
  'walk',
  'walks',
  'wall',
  'way',
  'ways',
  'well',
  'wells',
  'wharf',
  'wynd',
];
const STREET_TYPE_SET = new Set(STREET_TYPES);

/**
 * Continental street words that end a compound street name ("Pohlstrasse", "Rooseveltlaan",
 * "Kiannonkatu", "Søndergade") or stand after it ("Luite tee", "Trenerys gate", "Rákóczi út"), in
 * German, Dutch, Scandinavian, Finnish, Estonian, Hungarian and Icelandic. Followed by a house number.
 */
export const STREET_WORD_ENDINGS: readonly string[] = [
  'strasse',
  'straße',
  'str',
  'gasse',
  'weg',
  'allee',
  'platz',
  'ring',
  'damm',
  'ufer',
  'chaussee',
  'straat',
  'laan',
  'gracht',
  'plein',
  'kade',
  'dijk',
  'singel',
  'vej',
  'gade',
  'vænget',
  'stræde',
  'vägen',
  'gatan',
  'gata',
  'gränd',
  'veien',
  'vegen',
  'gate',
  'gaten',
  'katu',
  'kuja',
  'tie',
  'polku',
  'tee',
  'utca',
  'út',
  'útja',
  'tér',
  'braut',
  'vegur',
];
/**
 * Continental words that start a street name (Portuguese, Spanish, Catalan, Italian, French,
 * Polish): "Rua Igreja 25", "Avenida Pedro Ulisses 888", "ul. Zamkowa 33", "Piazza Rezzonico 35".
 */
export const STREET_PREFIXES: readonly string[] = [
  'rua',
  'avenida',
  'avda',
  'av',
  'calle',
  'carrer',
  'camino',
  'paseo',
  'plaza',
  'praça',
  'travessa',
  'largo',
  'via',
  'viale',
  'piazza',
  'corso',
  'strada',
  'rue',
  'chemin',
  'allée',
  'impasse',
  'ul',
  'ulica',
  'aleja',
  'al',
  'plac',
  'osiedle',
];
/** Lower-case words allowed inside a continental street name ("Paseo del Atlántico"). */
const NAME_CONNECTORS = new Set([
  'de',
  'del',
  'da',
  'do',
  'dos',
  'das',
  'di',
  'della',
  'e',
  'y',
  'la',
  'le',
  'les',
  'des',
  'du',
  'van',
  'von',
  'der',
  'den',
]);
const STREET_ENDING_SET = new Set(STREET_WORD_ENDINGS);
const STREET_PREFIX_SET = new Set(STREET_PREFIXES);

/** Unit designators after the street ("Apt. 4", "Suite 200", "#12"). */
const UNIT_WORDS = new Set([
  'apt',
  'apartment',
  'suite',
  'ste',
  'unit',
  'flat',
  'floor',
  'fl',
  'room',
  'rm',
  'bldg',
]);

const MAX_NAME_TOKENS = 4;
const MAX_TAIL_SEGMENTS = 3;
const MAX_SEGMENT = 40;

interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A word (letters, digits, internal apostrophes or hyphens) starting at `at`; bounded to 32 chars. */
function readWord(text: string, at: number): Token | undefined {
  if (!isWordCharAt(text, at)) return undefined;
  let i = at;
  while (i < text.length && i - at < 32) {
    if (isWordCharAt(text, i)) i++;
    else if ((text[i] === "'" || text[i] === '-' || text[i] === '’') && isWordCharAt(text, i + 1)) i++;
    else break;
  }
  if (isWordCharAt(text, i)) return undefined;
  return { start: at, end: i, text: text.slice(at, i) };
}

function allDigits(word: string): boolean {
  if (word.length === 0) return false;
  for (let k = 0; k < word.length; k++) if (!isDigit(word.charCodeAt(k))) return false;
  return true;
}

/** A house number: 1–6 digits, optionally one letter ("221B") or a range ("12-14"). */
function isHouseNumber(word: string): boolean {
  let k = 0;
  while (k < word.length && isDigit(word.charCodeAt(k))) k++;
  if (k === 0 || k > 6) return false;
  if (k === word.length) return true;
  if (k === word.length - 1 && isLetter(word[k])) return true;
  return word[k] === '-' && allDigits(word.slice(k + 1)) && word.length - k - 1 <= 6;
}

function streetType(text: string, token: Token): number {
  if (!STREET_TYPE_SET.has(token.text.toLowerCase())) return -1;
  return text[token.end] === '.' ? token.end + 1 : token.end;
}

/** Skips up to 6 blanks and up to `breaks` line breaks; returns the new index. */
function skipGap(text: string, at: number, breaks: number): number {
  let i = at;
  let seen = 0;
  let blanks = 0;
  while (i < text.length && blanks < 6) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t') {
      i++;
      blanks++;
    } else if (ch === '\n' && seen < breaks) {
      seen++;
      i++;
    } else break;
  }
  return i;
}

/** " Apt. 4", ", Suite 200", "\n Suite 741", " #12" after the street; returns the new end or `at`. */
function readUnit(text: string, at: number): number {
  let i = at;
  if (text[i] === ',') i++;
  i = skipGap(text, i, 1);
  if (text[i] === '#') {
    const number = readWord(text, i + 1);
    return number && isDigit(number.text.charCodeAt(0)) ? number.end : at;
  }
  const word = readWord(text, i);
  if (!word || !UNIT_WORDS.has(word.text.toLowerCase())) return at;
  i = word.end;
  if (text[i] === '.') i++;
  i = skipGap(text, i, 0);
  if (text[i] === '#') i++;
  const number = readWord(text, i);
  return number && isDigit(number.text.charCodeAt(0)) ? number.end : at;
}

/** ZIP (12345, 12345-6789) or a UK postcode ("SW1A 1AA") at `at`; returns its end or -1. */
function readPostcode(text: string, at: number): number {
  const word = readWord(text, at);
  if (!word) return -1;
  if (allDigits(word.text) && (word.text.length === 5 || word.text.length === 4)) return word.end;
  if (word.text.length === 10 && allDigits(word.text.slice(0, 5)) && word.text[5] === '-') return word.end;
  // UK outward code (2–4 chars, letter first) + space + inward code (digit, two letters).
  const out = word.text;
  if (out.length >= 2 && out.length <= 4 && isAsciiUpper(out.charCodeAt(0)) && out === out.toUpperCase()) {
    const inward = readWord(text, word.end + 1);
    if (
      text[word.end] === ' ' &&
      inward &&
      inward.text.length === 3 &&
      isDigit(inward.text.charCodeAt(0)) &&
      inward.text === inward.text.toUpperCase()
    ) {
      return inward.end;
    }
  }
  return -1;
}

/**
 * One locality segment after the street: separator (comma and/or one line break) then capitalised
 * words, a two-letter state code and/or a postcode, ending at a separator, sentence punctuation or
 * the end of the text. Returns the segment end, or -1.
 */
function readTailSegment(text: string, at: number): number {
  let i = at;
  if (text[i] === ',') i++;
  i = skipGap(text, i, 2);
  if (text[i] === ',') i = skipGap(text, i + 1, 0);
  if (i === at) return -1;
  const start = i;
  let words = 0;
  let last = -1;
  while (i < text.length && i - start < MAX_SEGMENT) {
    const postcode = readPostcode(text, i);
    if (postcode > 0) {
      last = postcode;
      words++;
      i = postcode;
    } else {
      const word = readWord(text, i);
      if (!word || !isUpperLetter(word.text[0])) break;
      last = word.end;
      words++;
      i = word.end;
    }
    if (text[i] === ' ' && isWordCharAt(text, i + 1)) {
      i++;
      continue;
    }
    break;
  }
  if (words === 0 || words > 5 || last < 0) return -1;
  const next = text[last];
  const endsCleanly =
    next === undefined ||
    next === ',' ||
    next === '\n' ||
    next === '.' ||
    next === '?' ||
    next === '!' ||
    next === ';';
  return endsCleanly ? last : -1;
}

/** `P.O. Box 123`, `PO Box 123`, `PSC 1234, Box 5678`, `Unit 1009 Box 0219` with `APO AE 12345`. */
function readPostBox(text: string, at: number): number {
  const lower = text.slice(at, at + 12).toLowerCase();
  let i = at;
  if (lower.startsWith('p.o. box ')) i += 9;
  else if (lower.startsWith('po box ')) i += 7;
  else if (lower.startsWith('psc ') || lower.startsWith('unit ')) {
    const number = readWord(text, at + (lower.startsWith('psc ') ? 4 : 5));
    if (!number || !allDigits(number.text)) return -1;
    i = number.end;
    if (text[i] === ',') i++;
    i = skipGap(text, i, 0);
    if (text.slice(i, i + 4).toLowerCase() !== 'box ') return -1;
    i += 4;
  } else return -1;
  const number = readWord(text, i);
  if (!number || !allDigits(number.text)) return -1;
  let end = number.end;
  // Military post office line: "APO AE 12345".
  const after = skipGap(text, end + (text[end] === ',' ? 1 : 0), 1);
  const lower2 = text.slice(after, after + 4).toLowerCase();
  if (lower2 === 'apo ' || lower2 === 'fpo ' || lower2 === 'dpo ') {
    const state = readWord(text, after + 4);
    const zip = state ? readWord(text, state.end + 1) : undefined;
    if (state && state.text.length === 2 && zip && allDigits(zip.text) && zip.text.length === 5)
      end = zip.end;
  }
  return end;
}

/**
 * Street addresses in the English-language "number + name + street type" form (US, UK, AU, CA):
 * a house number, one to four name words (the first capitalised), a street-type word, then an
 * optional unit ("Apt. 4", "Suite 200") and up to three locality segments (city, state, ZIP or UK
 * postcode, country) separated by commas or line breaks. Also P.O. boxes and US military addresses.
 * Continental "street name + number" addresses and addresses without a street-type word are not covered.
 */
export function detectStreetAddresses(text: string): PiiCandidate[] {
  const found: PiiCandidate[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isWordCharAt(text, i) || isWordCharAt(text, i - 1)) {
      i++;
      continue;
    }
    const c = text[i];
    const box = c === 'p' || c === 'P' || c === 'u' || c === 'U' ? readPostBox(text, i) : -1;
    if (box > 0) {
      const end = readTail(text, box);
      found.push({ entity: 'STREET_ADDRESS', start: i, end, confidence: 0.7 });
      i = end;
      continue;
    }
    const house = readWord(text, i);
    if (!house) {
      i++;
      continue;
    }
    if (!isHouseNumber(house.text)) {
      const continental = readContinental(text, house);
      if (continental > 0) {
        const corner = readCorner(text, continental);
        const end = corner > 0 ? corner : readTail(text, continental);
        const start = corner > 0 ? cornerStart(text, i) : leadingNumber(text, i);
        found.push({ entity: 'STREET_ADDRESS', start, end, confidence: 0.6 });
        i = end;
        continue;
      }
      i = house.end;
      continue;
    }
    const street = readStreet(text, house);
    if (street > 0) {
      const corner = readCorner(text, street);
      const end = corner > 0 ? corner : readTail(text, street);
      const start = corner > 0 ? cornerStart(text, i) : i;
      found.push({ entity: 'STREET_ADDRESS', start, end, confidence: 0.65 });
      i = end;
      continue;
    }
    i = house.end;
  }
  return found;
}

/**
 * Name words then a street type after the house number; the last street-type word within the
 * budget wins ("14 Crown Street Kishiev Squares"). Returns the end of the street part or -1.
 */
function readStreet(text: string, house: Token): number {
  let i = house.end;
  let names = 0;
  let capitalised = false;
  let streetEnd = -1;
  for (let k = 0; k <= MAX_NAME_TOKENS; k++) {
    if (text[i] !== ' ') break;
    const word = readWord(text, i + 1);
    if (!word) break;
    if (names > 0 && capitalised) {
      const typeEnd = streetType(text, word);
      if (typeEnd > 0 && (isUpperLetter(word.text[0]) || word.text === word.text.toLowerCase())) {
        streetEnd = typeEnd;
        if (typeEnd > word.end) break; // "Str." ends the name
      }
    }
    if (names === 0) {
      // The first name word must be capitalised (or a short number such as "74 Diakou Street").
      if (isUpperLetter(word.text[0])) capitalised = true;
      else if (!(allDigits(word.text) && word.text.length <= 4)) break;
    } else if (!isUpperLetter(word.text[0]) && !allDigits(word.text)) {
      break;
    }
    if (isUpperLetter(word.text[0])) capitalised = true;
    names++;
    i = word.end;
  }
  return streetEnd;
}

/** A house number token (1–4 digits, optional letter) right after one space at `at`; its end or -1. */
function houseNumberAfter(text: string, at: number): number {
  if (text[at] !== ' ') return -1;
  const number = readWord(text, at + 1);
  if (
    !number ||
    !isDigit(number.text.charCodeAt(0)) ||
    number.text.length > 5 ||
    !isHouseNumber(number.text)
  ) {
    return -1;
  }
  return number.end;
}

function endsWithStreetWord(word: string): boolean {
  const lower = word.toLowerCase();
  for (const ending of STREET_WORD_ENDINGS) {
    if (lower.length > ending.length + 2 && lower.endsWith(ending)) return true;
  }
  return false;
}

/**
 * Continental forms: "Pohlstrasse 9", "Luite tee 87", "Rua Igreja 25", "ul. Zamkowa 33". Returns
 * the end of the house number or -1.
 */
function readContinental(text: string, first: Token): number {
  const lower = first.text.toLowerCase();
  if (STREET_PREFIX_SET.has(lower)) {
    let i = text[first.end] === '.' ? first.end + 1 : first.end;
    let names = 0;
    for (let k = 0; k < 5; k++) {
      if (text[i] !== ' ') return -1;
      const word = readWord(text, i + 1);
      if (!word) return -1;
      if (isDigit(word.text.charCodeAt(0))) break;
      if (!isUpperLetter(word.text[0]) && !NAME_CONNECTORS.has(word.text)) return -1;
      if (isUpperLetter(word.text[0])) names++;
      i = word.end;
    }
    return names > 0 ? houseNumberAfter(text, i) : -1;
  }
  if (!isUpperLetter(first.text[0])) return -1;
  const dotted = text[first.end] === '.' ? first.end + 1 : first.end;
  if (isDigit(text.charCodeAt(dotted + 1)) && endsWithStreetWord(first.text))
    return houseNumberAfter(text, dotted);
  // "Luite tee 87", "Trenerys gate 232", "Rákóczi út 13": a separate street word after the name.
  if (text[first.end] !== ' ') return -1;
  const second = readWord(text, first.end + 1);
  if (!second || second.text.length > 7 || !STREET_ENDING_SET.has(second.text.toLowerCase())) return -1;
  const end = text[second.end] === '.' ? second.end + 1 : second.end;
  return houseNumberAfter(text, end);
}

/** Start of a building number written right before a continental street ("48010 Paseo del …"). */
function leadingNumber(text: string, at: number): number {
  if (text[at - 1] !== ' ') return at;
  let start = at - 1;
  while (start > 0 && at - 1 - start < 6 && isDigit(text.charCodeAt(start - 1))) start--;
  if (start === at - 1 || isWordCharAt(text, start - 1)) return at;
  return start;
}

/** Start of "the corner of " / "corner of " right before `at`, else `at`. */
function cornerStart(text: string, at: number): number {
  for (const phrase of ['the corner of ', 'corner of ']) {
    const from = at - phrase.length;
    if (from >= 0 && text.slice(from, at).toLowerCase() === phrase && !isWordCharAt(text, from - 1))
      return from;
  }
  return at;
}

/** "… and 25 Dili Gianni Street" / "… and Waechter Turnpike" after a street: the other corner. */
function readCorner(text: string, at: number): number {
  if (text.slice(at, at + 5).toLowerCase() !== ' and ') return -1;
  const first = readWord(text, at + 5);
  if (!first) return -1;
  if (isHouseNumber(first.text)) return readStreet(text, first);
  if (!isUpperLetter(first.text[0])) return -1;
  // No house number: the street name starts right away; reuse readStreet from a virtual token.
  return readStreet(text, { start: at + 4, end: at + 4, text: '' });
}

function readTail(text: string, streetEnd: number): number {
  let end = streetEnd;
  // Continental placement of the house number after the street type ("Koepenicker Str. 74").
  if (text[end] === ' ') {
    const number = readWord(text, end + 1);
    if (number && allDigits(number.text) && number.text.length <= 5) end = number.end;
  }
  for (let k = 0; k < 2; k++) end = readUnit(text, end);
  for (let k = 0; k < MAX_TAIL_SEGMENTS; k++) {
    const unit = readUnit(text, end);
    if (unit > end) {
      end = unit;
      continue;
    }
    const segment = readTailSegment(text, end);
    if (segment < 0) break;
    end = segment;
  }
  return end;
}

import { fillToBytes, utf8Length } from '../lib/bytes.js';
import { mulberry32, pick } from '../lib/rng.js';
import { NEAR_MISS_PREFIXES, PAYLOADS } from './corpus.js';
import { NEAR_CEILING_BYTES } from './inputs.js';

/**
 * Inputs built to find super-linear paths in a scanner: normalisers, decoders and rule
 * matchers. Each is generated deterministically at an exact UTF-8 byte size.
 */
export interface AdversarialCase {
  readonly name: string;
  readonly description: string;
  build(bytes: number): string;
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Nests base64 `levels` times, or as deep as fits in `maxBytes` when `levels` is omitted. */
function nestedBase64(
  payload: string,
  maxBytes: number,
  levels = Number.POSITIVE_INFINITY,
): {
  text: string;
  depth: number;
} {
  let text = payload;
  let depth = 0;
  while (depth < levels) {
    const next = base64(text);
    if (next.length > maxBytes) break;
    text = next;
    depth++;
  }
  return { text, depth };
}

function percentEncode(text: string, double: boolean): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const hex = byte.toString(16).toUpperCase().padStart(2, '0');
    out += double ? `%25${hex}` : `%${hex}`;
  }
  return out;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  ' ': '&nbsp;',
  '/': '&sol;',
  ':': '&colon;',
  '.': '&period;',
};

function entityEncode(text: string, variant: number): string {
  let out = '';
  let i = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const named = NAMED_ENTITIES[char];
    const style = (i + variant) % 4;
    if (named !== undefined && style === 0) out += named;
    else if (style === 1) out += `&#x${code.toString(16)};`;
    else if (style === 2) out += `&amp;#${code};`;
    else out += `&#${code};`;
    i++;
  }
  return out;
}

/** Lookalikes per Latin letter: Cyrillic, Greek, fullwidth and mathematical bold forms. */
const HOMOGLYPHS: Readonly<Record<string, readonly string[]>> = {
  a: ['а', 'α', 'ａ', '𝐚'],
  c: ['с', 'ϲ', 'ｃ', '𝐜'],
  d: ['ԁ', 'ｄ', '𝐝'],
  e: ['е', 'ε', 'ｅ', '𝐞'],
  g: ['ɡ', 'ｇ', '𝐠'],
  h: ['һ', 'ｈ', '𝐡'],
  i: ['і', 'ι', 'ｉ', '𝐢'],
  l: ['ӏ', 'ｌ', '𝐥'],
  m: ['ｍ', '𝐦'],
  n: ['ո', 'ｎ', '𝐧'],
  o: ['о', 'ο', 'ｏ', '𝐨'],
  p: ['р', 'ρ', 'ｐ', '𝐩'],
  r: ['г', 'ｒ', '𝐫'],
  s: ['ѕ', 'ｓ', '𝐬'],
  t: ['т', 'τ', 'ｔ', '𝐭'],
  u: ['υ', 'ｕ', '𝐮'],
  v: ['ν', 'ｖ', '𝐯'],
  w: ['ԝ', 'ｗ', '𝐰'],
  x: ['х', 'χ', 'ｘ', '𝐱'],
  y: ['у', 'ｙ', '𝐲'],
};

const COMBINING_MARKS: readonly string[] = ['\u0301', '\u0308', '\u0323', '\u0336'];

function homoglyphSoup(bytes: number): string {
  const random = mulberry32(0x5eed);
  const units: string[] = [];
  let size = 0;
  while (size < bytes) {
    let unit = '';
    for (const char of pick(random, PAYLOADS)) {
      const lookalikes = HOMOGLYPHS[char];
      const roll = random();
      if (lookalikes !== undefined && roll < 0.7) unit += pick(random, lookalikes);
      else unit += char;
      if (roll > 0.92) unit += pick(random, COMBINING_MARKS);
    }
    unit += ' ';
    units.push(unit);
    size += utf8Length(unit);
  }
  return fillToBytes(units, bytes);
}

export const ADVERSARIAL_CASES: readonly AdversarialCase[] = [
  {
    name: 'one repeated character',
    description: '"a" repeated',
    build: (bytes) => 'a'.repeat(bytes),
  },
  {
    name: 'zero-width run',
    description: 'U+200B repeated (3 bytes each)',
    build: (bytes) => fillToBytes(['\u200B'], bytes),
  },
  {
    name: 'nested base64, deep',
    description: `base64 of base64 of … an attack, ${nestedBase64(PAYLOADS[0] ?? '', NEAR_CEILING_BYTES).depth} levels (as deep as fits), space padding`,
    build: (bytes) => nestedBase64(PAYLOADS[0] ?? '', bytes).text.padEnd(bytes, ' '),
  },
  {
    name: 'nested base64, many',
    description: 'many 4-level nested base64 attacks separated by spaces',
    build: (bytes) =>
      fillToBytes(
        PAYLOADS.map((payload) => `${nestedBase64(payload, bytes, 4).text} `),
        bytes,
      ),
  },
  {
    name: 'near-miss rule prefixes',
    description: '"ignore previous instruc", "ignore ignore ignore", … never completed',
    build: (bytes) =>
      fillToBytes(
        NEAR_MISS_PREFIXES.map((prefix) => `${prefix} `),
        bytes,
      ),
  },
  {
    name: 'spaced single letters',
    description: '"a b a b a b …"',
    build: (bytes) => fillToBytes(['a ', 'b '], bytes),
  },
  {
    name: 'URL escapes',
    description: 'attack phrases fully %-encoded, single and double (%25XX), no spaces',
    build: (bytes) =>
      fillToBytes(
        PAYLOADS.flatMap((payload) => [percentEncode(payload, false), percentEncode(payload, true)]),
        bytes,
      ),
  },
  {
    name: 'HTML entities',
    description: 'attack phrases as decimal, hex, named and double-escaped entities',
    build: (bytes) =>
      fillToBytes(
        PAYLOADS.map((payload, i) => entityEncode(payload, i)),
        bytes,
      ),
  },
  {
    name: 'homoglyph soup',
    description: 'attack phrases in mixed Cyrillic/Greek/fullwidth/math-bold lookalikes + combining marks',
    build: homoglyphSoup,
  },
];

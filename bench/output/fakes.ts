import { base62, crc32 } from '../../src/output/secrets/crc32.js';
import { pick } from '../lib/rng.js';

/**
 * Fake credentials and personal data in the published formats, generated from a seeded PRNG so
 * every run sees the same values. Nothing here is, or was copied from, a real credential.
 */
export type Random = () => number;

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const BASE62 = DIGITS + UPPER + LOWER;
const BASE64 = `${BASE62}+/`;
const BASE64URL = `${BASE62}-_`;
/** The RFC 4648 base32 alphabet AWS access key ids are drawn from. */
const BASE32 = `${UPPER}234567`;

function randomOf(random: Random, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)] ?? '';
  return out;
}

/** Like `randomOf`, re-drawn until digits, upper- and lower-case letters all occur. */
function mixedOf(random: Random, alphabet: string, length: number): string {
  for (;;) {
    const out = randomOf(random, alphabet, length);
    if (/[0-9]/.test(out) && /[A-Z]/.test(out) && /[a-z]/.test(out)) return out;
  }
}

/** An AWS long-term access key id and its 40-character secret access key. */
export function awsKeyPair(random: Random): { id: string; secret: string } {
  return { id: `AKIA${randomOf(random, BASE32, 16)}`, secret: mixedOf(random, BASE64, 40) };
}

/** A classic GitHub token: `ghp_` + 30 base62 + the base62 CRC-32 of those 30. */
export function githubToken(random: Random): string {
  const body = mixedOf(random, BASE62, 30);
  return `ghp_${body}${base62(crc32(body), 6)}`;
}

/** A database URL with an inline password. */
export function databaseUrl(random: Random): string {
  const scheme = pick(random, ['postgres', 'mysql', 'mongodb']);
  const user = pick(random, ['orders_app', 'billing_rw', 'etl_job', 'reporting']);
  const host = `db-${randomOf(random, LOWER + DIGITS, 6)}.internal.northwind.io`;
  const port = { postgres: 5432, mysql: 3306, mongodb: 27017 }[scheme];
  return `${scheme}://${user}:${mixedOf(random, BASE62, 18)}@${host}:${port}/orders`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** A compact JWS: header and claims as JSON, a random 256-bit signature. */
export function jwt(random: Random): string {
  const header = { alg: 'HS256', typ: 'JWT' };
  const claims = {
    sub: randomOf(random, DIGITS, 8),
    name: pick(random, ['Ana Ortega', 'Lukas Brandt', 'Mei Chen', 'Tom Okafor']),
    role: 'admin',
    iat: 1_700_000_000 + Math.floor(random() * 10_000_000),
  };
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}.${mixedOf(random, BASE64URL, 43)}`;
}

export function email(random: Random): string {
  const first = pick(random, ['ana', 'lukas', 'mei', 'tom', 'priya', 'jonas']);
  const last = pick(random, ['ortega', 'brandt', 'chen', 'okafor', 'raman', 'weber']);
  const domain = pick(random, ['northwind-mail.com', 'contoso.org', 'fabrikam.net']);
  return `${first}.${last}${randomOf(random, DIGITS, 2)}@${domain}`;
}

/** A North American number in a real area code, formatted as people write it. */
export function phone(random: Random): string {
  const area = pick(random, ['212', '415', '617', '312', '206']);
  const exchange = `${2 + Math.floor(random() * 8)}${randomOf(random, DIGITS, 2)}`;
  return `(${area}) ${exchange}-${randomOf(random, DIGITS, 4)}`;
}

/** The digit that makes `digits` + it pass the Luhn check. */
function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A 16-digit Visa number that passes Luhn, in groups of four. */
export function cardNumber(random: Random): string {
  const head = `4${randomOf(random, DIGITS, 14)}`;
  const digits = `${head}${luhnDigit(head)}`;
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Base64 text of `length` characters (no padding), e.g. the body of a key block. */
export function base64Run(random: Random, length: number): string {
  return randomOf(random, BASE64, length);
}

import { ALNUM, DIGIT, isIn, isWhitespace, LOWER, lowerCode, UPPER } from '../chars.js';
import { isPlaceholder } from '../fake.js';
import type { AnchoredDetector } from '../types.js';

/** Schemes of databases and message brokers (lower case). */
const DATABASE_SCHEMES: ReadonlySet<string> = new Set([
  'postgres',
  'postgresql',
  'mysql',
  'mysqlx',
  'mariadb',
  'mongodb',
  'mongodb+srv',
  'redis',
  'rediss',
  'amqp',
  'amqps',
  'mssql',
  'sqlserver',
  'clickhouse',
  'neo4j',
  'neo4j+s',
  'bolt',
  'nats',
  'mqtt',
  'mqtts',
  'kafka',
  'couchdb',
  'cassandra',
  'oracle',
  'snowflake',
  'cockroachdb',
  'memcached',
]);

const MAX_SCHEME = 32;
const MAX_AUTHORITY = 512;

function isSchemeChar(code: number): boolean {
  return isIn(code, ALNUM) || code === 43 || code === 45 || code === 46; // + - .
}

/** Characters that end the authority part of a URL as it appears in prose, code and config. */
function endsAuthority(code: number): boolean {
  return (
    isWhitespace(code) ||
    code === 47 || // /
    code === 63 || // ?
    code === 35 || // #
    code === 34 || // "
    code === 39 || // '
    code === 96 || // `
    code === 60 || // <
    code === 62 || // >
    code === 92 || // \
    code === 41 || // )
    code === 40 || // (
    code === 123 || // {  (ends before template braces in the host)
    code === 125
  );
}

/**
 * `scheme://user:password@host` in any URL. The span reported is the password. Database and
 * broker schemes are `secret:database-url`, every other scheme `secret:url-credentials`.
 */
export const connectionUrlDetector: AnchoredDetector = {
  name: 'connection-url',
  anchors: [{ pattern: '://' }],
  onAnchor(text, start, _anchor, emit) {
    let schemeStart = start;
    while (
      schemeStart > 0 &&
      start - schemeStart < MAX_SCHEME &&
      isSchemeChar(text.charCodeAt(schemeStart - 1))
    ) {
      schemeStart--;
    }
    if (schemeStart === start || !isIn(text.charCodeAt(schemeStart), UPPER | LOWER)) return;
    const authStart = start + 3;
    const limit = Math.min(text.length, authStart + MAX_AUTHORITY);
    let at = -1;
    let authEnd = authStart;
    while (authEnd < limit && !endsAuthority(text.charCodeAt(authEnd))) {
      if (text.charCodeAt(authEnd) === 64) at = authEnd;
      authEnd++;
    }
    if (at < 0 || authEnd - authStart >= MAX_AUTHORITY) return;
    let colon = -1;
    for (let i = authStart; i < at; i++) {
      if (text.charCodeAt(i) === 58) {
        colon = i;
        break;
      }
    }
    if (colon < 0 || colon + 1 >= at) return;
    // A host must follow: a letter, digit or IPv6 bracket.
    const hostFirst = text.charCodeAt(at + 1);
    if (at + 1 >= authEnd || !(isIn(hostFirst, ALNUM | DIGIT) || hostFirst === 91)) return;
    const passStart = colon + 1;
    if (isPlaceholder(text, passStart, at)) return;
    if (at - passStart === colon - authStart && text.startsWith(text.slice(authStart, colon), passStart))
      return;
    let scheme = '';
    for (let i = schemeStart; i < start; i++) scheme += String.fromCharCode(lowerCode(text.charCodeAt(i)));
    const database = DATABASE_SCHEMES.has(scheme);
    emit({
      detector: database ? 'database-url' : 'url-credentials',
      start: passStart,
      end: at,
      confidence: database ? 0.9 : 0.8,
    });
  },
};

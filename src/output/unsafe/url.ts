/**
 * What a URL in model output points at, judged the way a browser would read it: HTML
 * character references decoded, tabs and newlines dropped, leading controls trimmed, then
 * parsed with WHATWG `URL`. Everything here is linear in the URL's length.
 */

export type UrlKind = 'web' | 'mailto' | 'relative' | 'script' | 'data' | 'file' | 'other' | 'invalid';

export interface UrlInfo {
  readonly kind: UrlKind;
  /** Lower-case scheme without the colon; '' for relative URLs. */
  readonly scheme: string;
  /** Lower-case host ('' when there is none). For mailto: the domain of the first address. */
  readonly host: string;
  /** `data:image/(png|jpeg|gif|webp)` (never SVG). */
  readonly rasterDataImage: boolean;
  /** Why the URL looks like it carries data (query, fragment, path or host label), if it does. */
  readonly payload: string | undefined;
}

const NAMED_REFS: Readonly<Record<string, string>> = {
  tab: '\t',
  newline: '\n',
  colon: ':',
  sol: '/',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  lpar: '(',
  rpar: ')',
  period: '.',
  num: '#',
  quest: '?',
  equals: '=',
  percnt: '%',
  commat: '@',
  excl: '!',
  nbsp: '\u00a0',
  bsol: '\\',
  semi: ';',
  comma: ',',
};

function hexDigit(cu: number): number {
  if (cu >= 0x30 && cu <= 0x39) return cu - 0x30;
  const lower = cu | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

export function isAsciiAlnum(cu: number): boolean {
  return (cu >= 0x30 && cu <= 0x39) || ((cu | 0x20) >= 0x61 && (cu | 0x20) <= 0x7a);
}

/**
 * Decodes HTML character references as an attribute value would: numeric ones with or
 * without the semicolon, a handful of named ones (case-insensitively, which over-decodes
 * rather than under-decodes). With `backslashEscapes`, a backslash before ASCII punctuation
 * is dropped too (markdown link destinations).
 */
export function decodeReferences(raw: string, backslashEscapes: boolean): string {
  if (raw.indexOf('&') < 0 && (!backslashEscapes || raw.indexOf('\\') < 0)) return raw;
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const cu = raw.charCodeAt(i);
    if (backslashEscapes && cu === 0x5c && i + 1 < raw.length && isAsciiPunctuation(raw.charCodeAt(i + 1))) {
      out += raw[i + 1];
      i += 2;
      continue;
    }
    if (cu !== 0x26) {
      out += raw[i];
      i++;
      continue;
    }
    const decoded = readReference(raw, i);
    if (decoded === undefined) {
      out += '&';
      i++;
    } else {
      out += decoded[0];
      i = decoded[1];
    }
  }
  return out;
}

function readReference(raw: string, at: number): [string, number] | undefined {
  let j = at + 1;
  if (raw.charCodeAt(j) === 0x23) {
    j++;
    const hex = (raw.charCodeAt(j) | 0x20) === 0x78;
    if (hex) j++;
    const digitsStart = j;
    // Browsers read any number of leading zeros, then the digits; a value past U+10FFFF is invalid.
    while (raw.charCodeAt(j) === 0x30) j++;
    let cp = 0;
    for (;;) {
      const v = hex ? hexDigit(raw.charCodeAt(j)) : raw.charCodeAt(j) - 0x30;
      if (j >= raw.length || v < 0 || v > (hex ? 15 : 9)) break;
      cp = Math.min(cp * (hex ? 16 : 10) + v, 0x110000);
      j++;
    }
    if (j === digitsStart) return undefined;
    if (raw.charCodeAt(j) === 0x3b) j++;
    const valid = cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
    return [valid ? String.fromCodePoint(cp) : '\ufffd', j];
  }
  const nameStart = j;
  while (j < raw.length && j - nameStart < 10 && isAsciiAlnum(raw.charCodeAt(j))) j++;
  if (raw.charCodeAt(j) !== 0x3b) return undefined;
  const named = NAMED_REFS[raw.slice(nameStart, j).toLowerCase()];
  return named === undefined ? undefined : [named, j + 1];
}

export function isAsciiPunctuation(cu: number): boolean {
  return (
    (cu >= 0x21 && cu <= 0x2f) ||
    (cu >= 0x3a && cu <= 0x40) ||
    (cu >= 0x5b && cu <= 0x60) ||
    (cu >= 0x7b && cu <= 0x7e)
  );
}

/** What the URL parser does first: trim C0 controls and spaces at both ends, drop tabs and newlines. */
function browserTrim(decoded: string): string {
  let start = 0;
  let end = decoded.length;
  while (start < end && decoded.charCodeAt(start) <= 0x20) start++;
  while (end > start && decoded.charCodeAt(end - 1) <= 0x20) end--;
  const trimmed = start === 0 && end === decoded.length ? decoded : decoded.slice(start, end);
  if (trimmed.indexOf('\t') < 0 && trimmed.indexOf('\n') < 0 && trimmed.indexOf('\r') < 0) return trimmed;
  let out = '';
  for (let i = start; i < end; i++) {
    const cu = decoded.charCodeAt(i);
    if (cu !== 0x09 && cu !== 0x0a && cu !== 0x0d) out += decoded[i];
  }
  return out;
}

/** The scheme of a trimmed URL (lower case), or '' when it has none. */
function schemeOf(url: string): string {
  const first = url.charCodeAt(0);
  if (!((first | 0x20) >= 0x61 && (first | 0x20) <= 0x7a)) return '';
  for (let i = 1; i < url.length && i < 64; i++) {
    const cu = url.charCodeAt(i);
    if (cu === 0x3a) return url.slice(0, i).toLowerCase();
    if (!(isAsciiAlnum(cu) || cu === 0x2b || cu === 0x2d || cu === 0x2e)) return '';
  }
  return '';
}

const SCRIPT_SCHEMES: ReadonlySet<string> = new Set(['javascript', 'vbscript', 'livescript', 'mocha']);
const RELATIVE_BASE = 'https://maestro-relative.invalid/';
const RELATIVE_HOST = 'maestro-relative.invalid';

/** Reads a URL as found in markup (`markdown` also honours backslash escapes). */
export function inspectUrl(raw: string, markdown: boolean): UrlInfo {
  const full = browserTrim(decodeReferences(raw, markdown));
  const scheme = schemeOf(full);
  const none = { host: '', rasterDataImage: false, payload: undefined };
  if (SCRIPT_SCHEMES.has(scheme)) return { kind: 'script', scheme, ...none };
  if (scheme === 'data') {
    return { kind: 'data', scheme, ...none, rasterDataImage: isRasterDataImage(full) };
  }
  if (scheme === 'file') return { kind: 'file', scheme, ...none };
  if (scheme === 'mailto') return inspectMailto(full);
  if (scheme !== '' && scheme !== 'http' && scheme !== 'https') return { kind: 'other', scheme, ...none };
  if (scheme === '' && !startsWithTwoSlashes(full)) return { kind: 'relative', scheme: '', ...none };
  let parsed: URL;
  try {
    parsed = new URL(full, RELATIVE_BASE);
  } catch {
    return { kind: 'invalid', scheme, ...none };
  }
  const host = parsed.hostname.toLowerCase();
  if (scheme === '' && host === RELATIVE_HOST) return { kind: 'relative', scheme: '', ...none };
  return {
    kind: 'web',
    scheme: parsed.protocol.slice(0, -1),
    host,
    rasterDataImage: false,
    payload: payloadOf(parsed),
  };
}

/** Two slashes of either kind: a scheme-relative URL that names a host. */
function startsWithTwoSlashes(url: string): boolean {
  const a = url.charCodeAt(0);
  const b = url.charCodeAt(1);
  return (a === 0x2f || a === 0x5c) && (b === 0x2f || b === 0x5c);
}

function isRasterDataImage(head: string): boolean {
  const lower = head.slice(5, 20).toLowerCase();
  return (
    lower.startsWith('image/png') ||
    lower.startsWith('image/jpeg') ||
    lower.startsWith('image/jpg') ||
    lower.startsWith('image/gif') ||
    lower.startsWith('image/webp')
  );
}

function inspectMailto(full: string): UrlInfo {
  const rest = full.slice(7);
  const queryAt = rest.indexOf('?');
  const addresses = queryAt < 0 ? rest : rest.slice(0, queryAt);
  const at = addresses.indexOf('@');
  const comma = addresses.indexOf(',', at);
  const host = at < 0 ? '' : addresses.slice(at + 1, comma < 0 ? addresses.length : comma).toLowerCase();
  const query = queryAt < 0 ? '' : rest.slice(queryAt + 1);
  return { kind: 'mailto', scheme: 'mailto', host, rasterDataImage: false, payload: queryPayload(query) };
}

/** Thresholds of the "carries data" heuristics, in code units. */
const LONG_QUERY_VALUE = 40;
const LONG_QUERY = 128;
const LONG_FRAGMENT = 64;
const LONG_PATH_SEGMENT = 64;
const LONG_HOST_LABEL = 32;
const BASE64_RUN = 24;
const PERCENT_ESCAPES = 5;

function queryPayload(query: string): string | undefined {
  if (query.length === 0) return undefined;
  if (query.length >= LONG_QUERY) return 'long query';
  let valueStart = -1;
  for (let i = 0; i <= query.length; i++) {
    const cu = i < query.length ? query.charCodeAt(i) : 0x26;
    if (cu === 0x3d && valueStart < 0) valueStart = i + 1;
    else if (cu === 0x26) {
      if (valueStart >= 0 && i - valueStart >= LONG_QUERY_VALUE) return 'long query value';
      valueStart = -1;
    }
  }
  return encodedPayload(query, 'query', true);
}

/**
 * Base64-looking runs (long, mixed case with digits, case flipping often: encoded bytes, not
 * words or slugs) and percent-escaped ASCII (an encoded sentence, not a non-Latin word).
 */
function encodedPayload(part: string, where: string, countEscapes: boolean): string | undefined {
  let asciiEscapes = 0;
  let run = 0;
  let upper = 0;
  let lower = 0;
  let digits = 0;
  let flips = 0;
  let lastCase = 0;
  for (let i = 0; i <= part.length; i++) {
    const cu = i < part.length ? part.charCodeAt(i) : 0x20;
    if (cu === 0x25) {
      const hi = hexDigit(part.charCodeAt(i + 1));
      if (hi >= 2 && hi <= 7 && hexDigit(part.charCodeAt(i + 2)) >= 0) asciiEscapes++;
    }
    const letterCase = cu >= 0x41 && cu <= 0x5a ? 1 : cu >= 0x61 && cu <= 0x7a ? 2 : 0;
    const isDigit = cu >= 0x30 && cu <= 0x39;
    if (
      letterCase !== 0 ||
      isDigit ||
      cu === 0x2b ||
      cu === 0x2f ||
      cu === 0x5f ||
      cu === 0x2d ||
      cu === 0x3d
    ) {
      run++;
      if (letterCase === 1) upper++;
      else if (letterCase === 2) lower++;
      else if (isDigit) digits++;
      if (letterCase !== 0 && lastCase !== 0 && letterCase !== lastCase) flips++;
      lastCase = letterCase;
      continue;
    }
    if (run >= BASE64_RUN && upper >= 2 && lower >= 2 && digits >= 2 && flips * 5 >= run)
      return `base64-like ${where}`;
    run = upper = lower = digits = flips = lastCase = 0;
  }
  return countEscapes && asciiEscapes >= PERCENT_ESCAPES ? `url-encoded ${where}` : undefined;
}

function payloadOf(url: URL): string | undefined {
  const query = queryPayload(url.search.slice(1));
  if (query !== undefined) return query;
  const fragment = url.hash.slice(1);
  if (fragment.length >= LONG_FRAGMENT) return 'long fragment';
  const fragmentEncoded = encodedPayload(fragment, 'fragment', true);
  if (fragmentEncoded !== undefined) return fragmentEncoded;
  const path = url.pathname;
  let segmentStart = 0;
  for (let i = 0; i <= path.length; i++) {
    if (i === path.length || path.charCodeAt(i) === 0x2f) {
      if (i - segmentStart > LONG_PATH_SEGMENT) return 'long path segment';
      segmentStart = i + 1;
    }
  }
  const pathEncoded = encodedPayload(path, 'path', false);
  if (pathEncoded !== undefined) return pathEncoded;
  const labels = url.hostname.split('.');
  for (let k = 0; k < labels.length - 2; k++) {
    const label = labels[k]!;
    if (label.length >= LONG_HOST_LABEL) return 'long host label';
  }
  return undefined;
}

/** Normalises an allowlist entry to a lower-case host or `*.suffix`. */
function normaliseEntry(entry: string): string {
  let host = entry.trim().toLowerCase();
  const scheme = host.indexOf('://');
  if (scheme >= 0) host = host.slice(scheme + 3);
  const slash = host.indexOf('/');
  if (slash >= 0) host = host.slice(0, slash);
  while (host.endsWith('.')) host = host.slice(0, -1);
  return host;
}

/** True when `host` is on the allowlist: equal to an entry, or a subdomain of a `*.` entry. */
export function isHostAllowed(host: string, allowedHosts: readonly string[] | undefined): boolean {
  if (host === '' || allowedHosts === undefined) return false;
  let h = host.toLowerCase();
  while (h.endsWith('.')) h = h.slice(0, -1);
  for (const entry of allowedHosts) {
    const e = normaliseEntry(entry);
    if (e.startsWith('*.')) {
      if (h.length > e.length - 1 && h.endsWith(e.slice(1))) return true;
    } else if (e !== '' && h === e) return true;
  }
  return false;
}

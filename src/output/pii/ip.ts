import { isIP } from 'node:net';
import { contextBefore, isDigit, isHexDigit, isWordCharAt } from './chars.js';
import type { PiiCandidate } from './types.js';

const IPV6_MAX = 45;
const VERSION_WINDOW = 16;
/** Words after which a dotted quad is a version or build number, not an address. */
export const VERSION_WORDS = ['version', 'ver', 'release', 'build', 'firmware', 'v'];

/** Reads `d.d.d.d` (1–3 digits per part) from `start`; returns the end or -1. */
function readDottedQuad(text: string, start: number): number {
  let i = start;
  for (let part = 0; part < 4; part++) {
    const from = i;
    while (i < text.length && i - from < 4 && isDigit(text.charCodeAt(i))) i++;
    const length = i - from;
    if (length === 0 || length > 3) return -1;
    if (part < 3) {
      if (text[i] !== '.') return -1;
      i++;
    }
  }
  return i;
}

function detectIpv4(text: string, found: PiiCandidate[]): void {
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text.charCodeAt(i)) || isWordCharAt(text, i - 1)) {
      i++;
      continue;
    }
    const prev = text[i - 1];
    const end = readDottedQuad(text, i);
    const partOfLonger =
      (prev === '.' && isDigit(text.charCodeAt(i - 2))) ||
      isWordCharAt(text, end) ||
      (text[end] === '.' && isDigit(text.charCodeAt(end + 1)));
    if (end > 0 && !partOfLonger && isIP(text.slice(i, end)) === 4) {
      const version = contextBefore(text, i, VERSION_WINDOW, VERSION_WORDS);
      if (!version || version.distance > 2) {
        found.push({ entity: 'IP_ADDRESS', start: i, end, confidence: 0.9 });
        i = end;
        continue;
      }
    }
    while (i < text.length && (isDigit(text.charCodeAt(i)) || text[i] === '.')) i++;
  }
}

function isIpv6Char(code: number): boolean {
  return isHexDigit(code) || code === 58 || code === 46;
}

function detectIpv6(text: string, found: PiiCandidate[]): void {
  let i = text.indexOf(':');
  while (i >= 0 && i < text.length) {
    // Walk back to the start of the hex/colon run that contains this colon (bounded).
    let start = i;
    while (start > 0 && i - start < IPV6_MAX && isIpv6Char(text.charCodeAt(start - 1))) start--;
    let end = i;
    while (end < text.length && end - start < IPV6_MAX && isIpv6Char(text.charCodeAt(end))) end++;
    // Trailing sentence punctuation is not part of the address.
    while (end > start && (text[end - 1] === '.' || (text[end - 1] === ':' && text[end - 2] !== ':'))) end--;
    const candidate = text.slice(start, end);
    let colons = 0;
    let hasDigit = false;
    for (let k = 0; k < candidate.length; k++) {
      if (candidate[k] === ':') colons++;
      if (isDigit(candidate.charCodeAt(k))) hasDigit = true;
    }
    if (
      colons >= 2 &&
      hasDigit &&
      !isWordCharAt(text, start - 1) &&
      !isWordCharAt(text, end) &&
      isIP(candidate) === 6
    ) {
      found.push({ entity: 'IP_ADDRESS', start, end, confidence: 0.9 });
    }
    // Continue after this run.
    let next = Math.max(end, i + 1);
    while (next < text.length && isIpv6Char(text.charCodeAt(next))) next++;
    i = text.indexOf(':', next);
  }
}

/**
 * IPv4 dotted quads (each octet 0–255, no leading zeros, checked by `node:net` isIP) and IPv6
 * addresses including `::` compression and embedded IPv4. A dotted quad right after a version
 * word (`version 1.2.3.4`, `v1.2.3.4`) or inside a longer dotted number is not reported.
 */
export function detectIpAddresses(text: string): PiiCandidate[] {
  const found: PiiCandidate[] = [];
  detectIpv4(text, found);
  detectIpv6(text, found);
  return found;
}

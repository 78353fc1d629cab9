import { isAsciiAlnum, isAsciiLetter, isWordCharAt } from './chars.js';
import type { PiiCandidate } from './types.js';

const LOCAL_MAX = 64;
const LABEL_MAX = 63;
const DOMAIN_MAX = 253;
const TLD_MIN = 2;
const TLD_MAX = 24;
const CONFIDENCE = 0.95;

/** `.`, `_`, `%`, `+`, `-`, `'`: the punctuation seen in real local parts (dot-atom subset). */
function isLocalPunct(code: number): boolean {
  return code === 46 || code === 95 || code === 37 || code === 43 || code === 45 || code === 39;
}

function isLocalChar(code: number): boolean {
  return isAsciiAlnum(code) || isLocalPunct(code);
}

function isLabelChar(code: number): boolean {
  return isAsciiAlnum(code) || code === 45;
}

/** Start of the local part ending just before `at` ('@'), or -1. Reads at most 64 characters back. */
function localStart(text: string, at: number): number {
  let start = at;
  while (start > 0 && at - start < LOCAL_MAX && isLocalChar(text.charCodeAt(start - 1))) start--;
  // Longer than 64 characters, or glued to a letter we cannot include: not an address.
  if (start > 0 && isLocalChar(text.charCodeAt(start - 1))) return -1;
  if (start > 0 && isWordCharAt(text, start - 1)) return -1;
  // Leading punctuation belongs to the surrounding text (quotes, list markers).
  while (start < at && !isAsciiAlnum(text.charCodeAt(start))) start++;
  if (start === at) return -1;
  const last = text.charCodeAt(at - 1);
  if (last === 46) return -1;
  for (let i = start + 1; i < at; i++) {
    if (text.charCodeAt(i) === 46 && text.charCodeAt(i - 1) === 46) return -1;
  }
  return start;
}

function isTld(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length >= 4 && text.slice(start, start + 4).toLowerCase() === 'xn--') return length <= LABEL_MAX;
  if (length < TLD_MIN || length > TLD_MAX) return false;
  for (let i = start; i < end; i++) if (!isAsciiLetter(text.charCodeAt(i))) return false;
  return true;
}

/** End of the domain starting right after '@' (exclusive), or -1 when there is no valid domain. */
function domainEnd(text: string, from: number): number {
  const labelEnds: number[] = [];
  const labelStarts: number[] = [];
  let i = from;
  while (i < text.length && i - from <= DOMAIN_MAX) {
    const start = i;
    while (i < text.length && i - start <= LABEL_MAX && isLabelChar(text.charCodeAt(i))) i++;
    const length = i - start;
    if (length === 0 || length > LABEL_MAX) break;
    if (text.charCodeAt(start) === 45 || text.charCodeAt(i - 1) === 45) break;
    labelStarts.push(start);
    labelEnds.push(i);
    if (text.charCodeAt(i) === 46 && i + 1 < text.length && isLabelChar(text.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    break;
  }
  // A letter glued to the last label ("x@a.com½") means we stopped inside something else.
  // Drop trailing labels until the last one is a top-level domain.
  while (labelEnds.length >= 2) {
    const last = labelEnds.length - 1;
    const end = labelEnds[last]!;
    if (isTld(text, labelStarts[last]!, end) && !isWordCharAt(text, end)) return end;
    if (isWordCharAt(text, end)) return -1;
    labelEnds.pop();
    labelStarts.pop();
  }
  return -1;
}

/** E-mail addresses `local@domain.tld` (dot-atom local part, LDH labels, alphabetic or IDN TLD). */
export function detectEmails(text: string): PiiCandidate[] {
  const found: PiiCandidate[] = [];
  let from = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', Math.max(at + 1, from))) {
    if (at < from) continue;
    const start = localStart(text, at);
    if (start < 0) continue;
    const end = domainEnd(text, at + 1);
    if (end < 0) continue;
    found.push({ entity: 'EMAIL_ADDRESS', start, end, confidence: CONFIDENCE });
    from = end;
  }
  return found;
}

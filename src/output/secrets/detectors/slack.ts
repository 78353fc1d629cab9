import { ALNUM, BASE64URL, DASH, isIn, runEnd } from '../chars.js';
import { looksFake } from '../fake.js';
import type { AnchoredDetector } from '../types.js';
import { leftBoundary, rightBoundary } from './token.js';

const TOKEN_PREFIXES = ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'xoxe-', 'xoxe.xoxp-', 'xapp-'];
const WEBHOOK = 'hooks.slack.com/';
const BODY = ALNUM | DASH;

function allDigits(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The segment lengths of a dash-separated body, or undefined when a segment is empty. */
function segments(text: string, start: number, end: number): number[] | undefined {
  const lengths: number[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text.charCodeAt(i) === 45) {
      if (i === from) return undefined;
      lengths.push(i - from);
      from = i + 1;
    }
  }
  return lengths;
}

function checkToken(
  text: string,
  start: number,
  prefixLength: number,
): { end: number; confidence: number } | undefined {
  const from = start + prefixLength;
  const end = runEnd(text, from, BODY, 400);
  if (end - from < 20 || end - from >= 400 || !rightBoundary(text, end, BASE64URL)) return undefined;
  const parts = segments(text, from, end);
  if (!parts || parts.length < 2) return undefined;
  if (looksFake(text, from, end)) return undefined;
  // Bot tokens: xoxb-<team digits>-<bot digits>-<24 alphanumerics>.
  const isBotShape =
    text.startsWith('xoxb-', start) &&
    parts.length === 3 &&
    parts[2] === 24 &&
    allDigits(text, from, from + parts[0]!) &&
    allDigits(text, from + parts[0]! + 1, from + parts[0]! + 1 + parts[1]!);
  return { end, confidence: isBotShape ? 0.95 : 0.9 };
}

function readSegment(text: string, from: number, min: number, max: number, first?: number): number {
  if (first !== undefined && text.charCodeAt(from) !== first) return -1;
  const end = runEnd(text, from, ALNUM, max + 1);
  return end - from >= min && end - from <= max ? end : -1;
}

/** Slack API tokens and incoming-webhook URLs. */
export const slackDetector: AnchoredDetector = {
  name: 'slack',
  anchors: [...TOKEN_PREFIXES, WEBHOOK].map((pattern) => ({ pattern })),
  onAnchor(text, start, anchor, emit) {
    if (anchor < TOKEN_PREFIXES.length) {
      if (!leftBoundary(text, start, BASE64URL)) return;
      const found = checkToken(text, start, TOKEN_PREFIXES[anchor]!.length);
      if (found) emit({ detector: 'slack-token', start, end: found.end, confidence: found.confidence });
      return;
    }
    // hooks.slack.com/services/T…/B…/secret, /workflows/T…/A…/id/secret, /triggers/T…/id/secret
    let at = start + WEBHOOK.length;
    let kind: 'services' | 'workflows' | 'triggers' | undefined;
    for (const k of ['services/', 'workflows/', 'triggers/'] as const) {
      if (text.startsWith(k, at)) {
        kind = k.slice(0, -1) as 'services' | 'workflows' | 'triggers';
        at += k.length;
        break;
      }
    }
    if (!kind) return;
    const team = readSegment(text, at, 8, 16, 84); // T
    if (team < 0 || text.charCodeAt(team) !== 47) return;
    let cursor = team + 1;
    let secretStart = -1;
    let secretEnd = -1;
    // Up to three more segments; the last is the secret.
    for (let k = 0; k < 3; k++) {
      const end = readSegment(text, cursor, 1, 64);
      if (end < 0) break;
      secretStart = cursor;
      secretEnd = end;
      if (text.charCodeAt(end) !== 47) break;
      cursor = end + 1;
    }
    if (secretEnd < 0 || secretEnd - secretStart < 20) return;
    if (kind === 'services' && text.charCodeAt(team + 1) !== 66) return; // B…
    if (isIn(text.charCodeAt(secretEnd), BASE64URL) || looksFake(text, secretStart, secretEnd)) return;
    const urlStart = text.startsWith('https://', start - 8) ? start - 8 : start;
    emit({ detector: 'slack-webhook', start: urlStart, end: secretEnd, confidence: 0.95 });
  },
};

import { piiGuard } from '@presidio-dev/hai-guardrails';
import type { SpanDetector } from '../detector.js';
import { type EvalEntity, HAI_MARKERS } from '../mapping.js';
import type { PredictedSpan } from '../score.js';

interface GuardOutcome {
  readonly modifiedMessage?: { readonly content: string };
}

type MessageGuard = (
  messages: { role: string; content: string }[],
) => Promise<GuardOutcome[]> | GuardOutcome[];

const MARKERS = Object.keys(HAI_MARKERS);

type Piece = { readonly literal: string } | { readonly marker: EvalEntity };

/** Splits redacted text into literals and markers, in order. */
function pieces(redacted: string): Piece[] {
  const out: Piece[] = [];
  let r = 0;
  while (r < redacted.length) {
    let next = -1;
    let marker = '';
    for (const candidate of MARKERS) {
      const at = redacted.indexOf(candidate, r);
      if (at >= 0 && (next < 0 || at < next)) {
        next = at;
        marker = candidate;
      }
    }
    if (next < 0) {
      out.push({ literal: redacted.slice(r) });
      break;
    }
    if (next > r) out.push({ literal: redacted.slice(r, next) });
    out.push({ marker: HAI_MARKERS[marker]! });
    r = next + marker.length;
  }
  return out;
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r';
}

/**
 * Recovers spans from hai-guardrails' redacted text. The text between markers is copied from the
 * input in order, and none of its patterns matches whitespace, so a marker covers the input from
 * the end of the previous literal up to the last place, before the next whitespace, where the
 * following literal starts (its regexes are greedy). Adjacent markers count as one span.
 */
export function spansFromRedacted(original: string, redacted: string): PredictedSpan[] {
  const spans: PredictedSpan[] = [];
  const list = pieces(redacted);
  let o = 0;
  let pending: { type: EvalEntity; start: number } | undefined;
  for (const [index, piece] of list.entries()) {
    if ('marker' in piece) {
      pending ??= { type: piece.marker, start: o };
      continue;
    }
    const { literal } = piece;
    if (!pending) {
      if (!original.startsWith(literal, o)) return spans;
      o += literal.length;
      continue;
    }
    let at = -1;
    if (index === list.length - 1) {
      const candidate = original.length - literal.length;
      if (candidate > o && original.startsWith(literal, candidate)) at = candidate;
    } else {
      let limit = o + 1;
      while (limit < original.length && !isSpace(original[limit])) limit++;
      for (let k = Math.min(limit, original.length - 1); k > o; k--) {
        if (original.startsWith(literal, k)) {
          at = k;
          break;
        }
      }
    }
    if (at < 0) return spans; // Alignment lost; keep what is certain.
    spans.push({ type: pending.type, start: pending.start, end: at });
    pending = undefined;
    o = at + literal.length;
  }
  if (pending) spans.push({ type: pending.type, start: pending.start, end: original.length });
  return spans;
}

/** @presidio-dev/hai-guardrails `piiGuard` (regex patterns) in its default redact mode. */
export function haiPiiDetector(version: string): SpanDetector {
  const guard: MessageGuard = piiGuard({ roles: ['user'] });
  return {
    name: 'hai-guardrails',
    description: `@presidio-dev/hai-guardrails ${version}, \`piiGuard({ roles: ['user'] })\` (redact mode); spans recovered from the redacted text`,
    supports: [...new Set(Object.values(HAI_MARKERS))],
    async detect(text) {
      const [result] = await guard([{ role: 'user', content: text }]);
      const redacted = result?.modifiedMessage?.content;
      return redacted === undefined || redacted === text ? [] : spansFromRedacted(text, redacted);
    },
  };
}

import { decodeBase64 } from '../base64.js';
import { isValidBech32 } from '../bech32.js';
import { B64_EXTRA, BASE64URL, DOT, runEnd } from '../chars.js';
import { crc32 } from '../crc32.js';
import { looksFake } from '../fake.js';
import type { AnchoredDetector } from '../types.js';
import { PREFIXED_FORMATS, type PrefixedFormat } from './prefixedFormats.js';
import { afterAnsiEscape, leftBoundary, rightBoundary } from './token.js';

type Format = (typeof PREFIXED_FORMATS)[number];

/** Every prefix with the format it belongs to (`spec` is the same row, typed for generic access). */
const ENTRIES: readonly {
  readonly prefix: string;
  readonly format: Format;
  readonly spec: PrefixedFormat;
}[] = PREFIXED_FORMATS.flatMap((format: Format) => {
  const spec: PrefixedFormat = format;
  return spec.prefixes.map((prefix) => ({ prefix, format, spec }));
});

/** The end of the body, or -1 when a segment does not fit. */
function matchBody(text: string, from: number, format: PrefixedFormat): number {
  let at = from;
  for (const segment of format.body) {
    if (typeof segment === 'string') {
      if (!text.startsWith(segment, at)) return -1;
      at += segment.length;
      continue;
    }
    const [mask, min, max] = segment;
    const end = runEnd(text, at, mask, max + 1);
    if (end - at < min || end - at > max) return -1;
    at = end;
  }
  return at;
}

/**
 * Grafana service account tokens end in `_` + 8 hex digits: the CRC-32 of everything before the
 * `_`, written as little-endian bytes.
 */
function grafanaChecksum(text: string, start: number, end: number): boolean {
  const crc = crc32(text, start, end - 9);
  let expected = '';
  for (let k = 0; k < 4; k++) expected += ((crc >>> (8 * k)) & 0xff).toString(16).padStart(2, '0');
  return text.slice(end - 8, end).toLowerCase() === expected;
}

/** `{"k": "…", "n": "…", …}`: the JSON inside a legacy Grafana API key. */
function isGrafanaKeyJson(text: string, start: number, end: number): boolean {
  const bytes = decodeBase64(text, start, end);
  if (bytes === undefined) return false;
  try {
    const value: unknown = JSON.parse(bytes);
    return (
      typeof value === 'object' &&
      value !== null &&
      'k' in value &&
      'n' in value &&
      typeof value.k === 'string'
    );
  } catch {
    return false;
  }
}

/** Prefixed tokens of further providers (`PREFIXED_FORMATS`). */
export const prefixedDetector: AnchoredDetector = {
  name: 'prefixed',
  anchors: ENTRIES.map((entry) => ({ pattern: entry.prefix })),
  onAnchor(text, start, anchor, emit) {
    const { prefix, format, spec } = ENTRIES[anchor]!;
    if (
      !leftBoundary(text, start, spec.boundary ?? BASE64URL | B64_EXTRA | DOT) &&
      !afterAnsiEscape(text, start)
    )
      return;
    const from = start + prefix.length;
    const end = matchBody(text, from, spec);
    if (end < 0 || !rightBoundary(text, end, BASE64URL)) return;
    if (spec.check === 'grafana-crc32') {
      if (!grafanaChecksum(text, start, end)) return;
    } else if (spec.check === 'bech32') {
      if (!isValidBech32(text.slice(start, end))) return;
    } else {
      if (spec.check === 'grafana-key-json' && !isGrafanaKeyJson(text, start, end)) return;
      if (looksFake(text, from, end, { repeats: !spec.encodedJson })) return;
    }
    emit({ detector: format.id, start, end, confidence: spec.confidence });
  },
};

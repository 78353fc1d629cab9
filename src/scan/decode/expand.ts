import {
  lazyMappedText,
  type MappedText,
  normaliseForDetection,
  toOriginalSpans,
} from '../normalise/index.js';
import { decodeBase64Text, findBase64Runs, MIN_BASE64_RUN } from './base64.js';
import { encodingHints } from './encodingHints.js';
import { decodeEscapes } from './escapes.js';
import { findHexText, hexValue, MIN_HEX_DIGITS } from './hex.js';

export type EncodingKind = 'base64' | 'hex' | 'escapes';

/** A text to run detectors on: the input itself, or something decoded from inside it. */
export interface ScanUnit {
  /** Normalised text; its offsets map to the caller's original text. */
  readonly mapped: MappedText;
  /** The decoded text before normalisation (what the classifier reads). */
  readonly raw: string;
  /** The chain of encodings peeled off to reach this text; empty for the input itself. */
  readonly encodings: readonly EncodingKind[];
}

export interface ExpandLimits {
  /** How many layers of encoding are peeled (base64 inside hex inside …). */
  readonly maxDepth: number;
  /** Total decoded characters across all layers. */
  readonly maxDecodedChars: number;
  /** Total number of units, the input included. */
  readonly maxUnits: number;
}

export const DEFAULT_EXPAND_LIMITS: ExpandLimits = { maxDepth: 3, maxDecodedChars: 65_536, maxUnits: 32 };

interface Pending {
  readonly raw: string;
  /** Offsets of `raw` in the original text; undefined means identity. */
  readonly starts: Int32Array | undefined;
  readonly ends: Int32Array | undefined;
  readonly encodings: readonly EncodingKind[];
}

function constantMap(length: number, value: number): Int32Array {
  return new Int32Array(length).fill(value);
}

function compose(outer: Int32Array | undefined, inner: Int32Array): Int32Array {
  if (outer === undefined) return inner;
  const result = new Int32Array(inner.length);
  for (let k = 0; k < inner.length; k++) result[k] = outer[Math.min(inner[k]!, outer.length - 1)]!;
  return result;
}

/** Longest HTML entity the escape pre-check looks for, `&` to `;` inclusive. */
const MAX_ENTITY_SPAN = 12;

/**
 * At least two things that look like escapes (`%4A`, `&#…;`, `&name;`, `\u…`): worth a decoding
 * pass. Jumps between candidate characters with `indexOf` (native, much faster than reading
 * every unit), and looks for an entity's `;` only within its maximum span, so the check stays
 * linear however many `&` there are.
 */
function mightHaveEscapes(text: string): boolean {
  const last = text.length - 2;
  let seen = 0;
  for (let i = text.indexOf('%'); i !== -1 && i < last; i = text.indexOf('%', i + 1)) {
    if (hexValue(text.charCodeAt(i + 1)) >= 0 && hexValue(text.charCodeAt(i + 2)) >= 0 && ++seen >= 2)
      return true;
  }
  for (let i = text.indexOf('&'); i !== -1 && i < last; i = text.indexOf('&', i + 1)) {
    const limit = Math.min(text.length, i + MAX_ENTITY_SPAN + 1);
    for (let k = i + 1; k < limit; k++) {
      if (text.charCodeAt(k) === 0x3b) {
        // `&;` is no entity.
        if (k > i + 1 && ++seen >= 2) return true;
        break;
      }
    }
  }
  for (let i = text.indexOf('\\u'); i !== -1 && i < last; i = text.indexOf('\\u', i + 1)) {
    if (++seen >= 2) return true;
  }
  return false;
}

/**
 * The input plus every text decoded from inside it, breadth first, each normalised for
 * matching. Bounded in depth, total decoded size and count, so nested encodings cannot
 * multiply work.
 */
export function expandForDetection(
  original: string,
  limits: ExpandLimits = DEFAULT_EXPAND_LIMITS,
): ScanUnit[] {
  const units: ScanUnit[] = [];
  const queue: Pending[] = [{ raw: original, starts: undefined, ends: undefined, encodings: [] }];
  let decodedChars = 0;
  for (let q = 0; q < queue.length && units.length < limits.maxUnits; q++) {
    const item = queue[q]!;
    const normalised = normaliseForDetection(item.raw);
    const outerStarts = item.starts;
    const outerEnds = item.ends;
    const mapped: MappedText =
      outerStarts === undefined || outerEnds === undefined
        ? normalised
        : lazyMappedText(
            normalised.text,
            () => ({
              starts: compose(outerStarts, normalised.starts),
              ends: compose(outerEnds, normalised.ends),
            }),
            // Through the decoded text's own spans, then the map from it to the original.
            (spans) =>
              toOriginalSpans(normalised, spans).map((inner) => ({
                start: outerStarts[Math.min(inner.start, outerStarts.length - 1)]!,
                end: outerEnds[Math.min(inner.end, outerEnds.length - 1)]!,
              })),
          );
    units.push({ mapped, raw: item.raw, encodings: item.encodings });
    if (item.encodings.length >= limits.maxDepth) continue;

    const origin = (k: number, side: 'start' | 'end'): number => {
      const map = side === 'start' ? item.starts : item.ends;
      if (map === undefined) return side === 'start' ? k : k + 1;
      return map[Math.min(k, map.length - 1)]!;
    };
    const enqueue = (raw: string, starts: Int32Array, ends: Int32Array, kind: EncodingKind): boolean => {
      if (decodedChars + raw.length > limits.maxDecodedChars || queue.length >= limits.maxUnits) return false;
      decodedChars += raw.length;
      queue.push({ raw, starts, ends, encodings: [...item.encodings, kind] });
      return true;
    };

    const hints = encodingHints(item.raw, MIN_BASE64_RUN, MIN_HEX_DIGITS);
    for (const run of hints.base64 ? findBase64Runs(item.raw) : []) {
      const decoded = decodeBase64Text(item.raw.slice(run.start, run.end));
      if (decoded === undefined) continue;
      const from = origin(run.start, 'start');
      const to = origin(run.end - 1, 'end');
      if (!enqueue(decoded, constantMap(decoded.length, from), constantMap(decoded.length, to), 'base64'))
        break;
    }
    for (const run of hints.hex ? findHexText(item.raw) : []) {
      const from = origin(run.start, 'start');
      const to = origin(run.end - 1, 'end');
      if (
        !enqueue(
          run.decoded,
          constantMap(run.decoded.length, from),
          constantMap(run.decoded.length, to),
          'hex',
        )
      )
        break;
    }
    if (hints.escapes && mightHaveEscapes(item.raw)) {
      const decoded = decodeEscapes(item.raw);
      if (decoded.count >= 2) {
        enqueue(
          decoded.text,
          compose(item.starts, decoded.starts),
          compose(item.ends, decoded.ends),
          'escapes',
        );
      }
    }
  }
  return units;
}

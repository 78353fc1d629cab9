import { isTagStart } from './htmlTags.js';
import { blankLineStarts, ForwardFinder, isLineSpace } from './scanText.js';
import { isAsciiPunctuation } from './url.js';

/**
 * A linear-time tokenizer for the parts of markdown that load or link to URLs: inline links
 * and images, reference links and images with their definitions, autolinks and bare URLs
 * (GFM). No regular expressions; every scan is bounded by the paragraph, a nesting depth or a
 * length limit, and moves forward.
 *
 * Brackets are paired twice: once the way CommonMark does (code spans, autolinks and raw HTML
 * bind tighter than brackets) and once ignoring code spans and HTML. The union of both is
 * returned, so a construct that hides a link from one reading is still seen by the other.
 */

/** CommonMark allows 32 levels of parentheses in a bare destination (cmark's limit). */
const MAX_PAREN_DEPTH = 32;
/** CommonMark link labels are at most 999 characters. */
const MAX_LABEL = 999;
/** Raw HTML longer than this is not taken as one inline tag when pairing brackets. */
const MAX_INLINE_TAG = 2048;
/** Blockquote and list markers skipped before a definition. */
const MAX_LINE_PREFIX = 64;

export interface InlineToken {
  readonly kind: 'inline';
  readonly image: boolean;
  /** `[` or `!`. */
  readonly start: number;
  readonly textStart: number;
  readonly textEnd: number;
  /** The `]`. */
  readonly closeStart: number;
  readonly dest: string;
  /** After `)`, or after the destination when the rest did not parse (then `complete` is false). */
  readonly end: number;
  readonly complete: boolean;
}

export interface ReferenceToken {
  readonly kind: 'reference';
  readonly image: boolean;
  readonly start: number;
  readonly textStart: number;
  readonly textEnd: number;
  readonly closeStart: number;
  readonly end: number;
  /** Normalised labels this may refer to (full reference and shortcut). */
  readonly labels: readonly string[];
}

/** `<scheme:…>` */
export interface AutolinkToken {
  readonly kind: 'autolink';
  readonly start: number;
  readonly end: number;
  readonly dest: string;
}

/** A GFM bare URL: `https://…`, `www.…` */
export interface BareUrlToken {
  readonly kind: 'bare';
  readonly start: number;
  readonly end: number;
  readonly dest: string;
}

export type MarkdownToken = InlineToken | ReferenceToken | AutolinkToken | BareUrlToken;

export interface Definition {
  /** The `[` of the label. */
  readonly start: number;
  /** After the `:`. */
  readonly labelEnd: number;
  readonly label: string;
  readonly destStart: number;
  readonly destEnd: number;
  readonly dest: string;
}

export interface MarkdownTokens {
  readonly tokens: MarkdownToken[];
  readonly definitions: Definition[];
}

/** Case-folds and collapses whitespace, as CommonMark matches labels. */
export function normaliseLabel(raw: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < raw.length; i++) {
    const cu = raw.charCodeAt(i);
    if (cu === 0x20 || cu === 0x09 || cu === 0x0a || cu === 0x0d) {
      space = out.length > 0;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += raw[i];
  }
  return out.toLowerCase().toUpperCase();
}

function isWhitespace(cu: number): boolean {
  return cu === 0x20 || cu === 0x09 || cu === 0x0a || cu === 0x0d || cu === 0x0c;
}

/** Skips spaces and tabs and at most one line ending. */
function skipSpaceAndOneNewline(text: string, i: number): number {
  let j = i;
  while (j < text.length && isLineSpace(text.charCodeAt(j))) j++;
  if (text.charCodeAt(j) === 0x0d) j++;
  if (text.charCodeAt(j) === 0x0a) j++;
  while (j < text.length && isLineSpace(text.charCodeAt(j))) j++;
  return j;
}

interface Destination {
  readonly start: number;
  readonly end: number;
  readonly dest: string;
}

/** A link destination at `i`: `<…>` or bare with balanced parentheses. Undefined when there is none. */
function readDestination(text: string, i: number): Destination | undefined {
  if (text.charCodeAt(i) === 0x3c) {
    for (let j = i + 1; j < text.length; j++) {
      const cu = text.charCodeAt(j);
      if (cu === 0x5c && isAsciiPunctuation(text.charCodeAt(j + 1))) j++;
      else if (cu === 0x3e) return { start: i, end: j + 1, dest: text.slice(i + 1, j) };
      else if (cu === 0x3c || cu === 0x0a || cu === 0x0d) return undefined;
    }
    return undefined;
  }
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const cu = text.charCodeAt(j);
    if (cu <= 0x20 || cu === 0x7f) break;
    if (cu === 0x5c && isAsciiPunctuation(text.charCodeAt(j + 1))) {
      j += 2;
      continue;
    }
    if (cu === 0x28) {
      depth++;
      // Deeper than CommonMark allows: not a link there, but judge what we have (fail closed).
      if (depth > MAX_PAREN_DEPTH) break;
    } else if (cu === 0x29) {
      if (depth === 0) break;
      depth--;
    }
    j++;
  }
  return j === i ? undefined : { start: i, end: j, dest: text.slice(i, j) };
}

/** A link title at `i` (`"…"`, `'…'` or `(…)`) ending before `limit`; returns the end or -1. */
function readTitle(text: string, i: number, limit: number): number {
  const open = text.charCodeAt(i);
  const close = open === 0x28 ? 0x29 : open;
  if (open !== 0x22 && open !== 0x27 && open !== 0x28) return -1;
  for (let j = i + 1; j < limit; j++) {
    const cu = text.charCodeAt(j);
    if (cu === 0x5c) j++;
    else if (cu === close) return j + 1;
    else if (open === 0x28 && cu === 0x28) return -1;
  }
  return -1;
}

/** What follows `](`: destination, optional title, `)`. */
function readInlineTail(
  text: string,
  open: number,
  paragraphEnd: number,
): { dest: Destination | undefined; end: number; complete: boolean } {
  let j = skipSpaceAndOneNewline(text, open + 1);
  if (text.charCodeAt(j) === 0x29) return { dest: undefined, end: j + 1, complete: true };
  const dest = readDestination(text, j);
  if (dest === undefined) return { dest, end: j, complete: false };
  j = skipSpaceAndOneNewline(text, dest.end);
  if (j > dest.end) {
    const titleEnd = readTitle(text, j, paragraphEnd);
    if (titleEnd > 0) j = skipSpaceAndOneNewline(text, titleEnd);
  }
  if (text.charCodeAt(j) === 0x29) return { dest, end: j + 1, complete: true };
  return { dest, end: dest.end, complete: false };
}

/** A label `[…]` at `i`: returns the index of `]` or -1 (nested `[`, too long, paragraph end). */
function readLabelEnd(text: string, i: number, limit: number): number {
  const end = Math.min(limit, i + 1 + MAX_LABEL + 1);
  for (let j = i + 1; j < end; j++) {
    const cu = text.charCodeAt(j);
    if (cu === 0x5c) j++;
    else if (cu === 0x5d) return j;
    else if (cu === 0x5b) return -1;
  }
  return -1;
}

/** `<scheme:…>`: returns the end after `>` or -1. */
function readAutolink(text: string, i: number): number {
  let j = i + 1;
  const first = text.charCodeAt(j) | 0x20;
  if (!(first >= 0x61 && first <= 0x7a)) return -1;
  j++;
  while (j < text.length && j - i <= 33) {
    const cu = text.charCodeAt(j);
    const lower = cu | 0x20;
    if (
      (lower >= 0x61 && lower <= 0x7a) ||
      (cu >= 0x30 && cu <= 0x39) ||
      cu === 0x2b ||
      cu === 0x2e ||
      cu === 0x2d
    )
      j++;
    else break;
  }
  if (text.charCodeAt(j) !== 0x3a || j - i - 1 < 2) return -1;
  for (j++; j < text.length; j++) {
    const cu = text.charCodeAt(j);
    if (cu === 0x3e) return j + 1;
    if (cu <= 0x20 || cu === 0x3c || cu === 0x7f) return -1;
  }
  return -1;
}

function startsWithIgnoreCase(text: string, i: number, lowerPrefix: string): boolean {
  for (let k = 0; k < lowerPrefix.length; k++) {
    const cu = text.charCodeAt(i + k);
    const lower = cu >= 0x41 && cu <= 0x5a ? cu + 32 : cu;
    if (lower !== lowerPrefix.charCodeAt(k)) return false;
  }
  return true;
}

/** A GFM bare URL (`http://`, `https://`, `www.`) at `i`: returns its end or -1. */
function readBareUrl(text: string, i: number): number {
  const before = i === 0 ? 0x20 : text.charCodeAt(i - 1);
  if (!(isWhitespace(before) || before === 0x2a || before === 0x5f || before === 0x7e || before === 0x28))
    return -1;
  const prefix = startsWithIgnoreCase(text, i, 'https://')
    ? 8
    : startsWithIgnoreCase(text, i, 'http://')
      ? 7
      : startsWithIgnoreCase(text, i, 'www.')
        ? 4
        : 0;
  if (prefix === 0) return -1;
  let end = i + prefix;
  let opens = 0;
  let closes = 0;
  while (end < text.length) {
    const cu = text.charCodeAt(end);
    if (cu <= 0x20 || cu === 0x3c || cu === 0x7f) break;
    if (cu === 0x28) opens++;
    else if (cu === 0x29) closes++;
    end++;
  }
  while (end > i + prefix) {
    const cu = text.charCodeAt(end - 1);
    if ('?!.,:*_~\'"'.includes(text[end - 1]!)) end--;
    else if (cu === 0x29 && closes > opens) {
      closes--;
      end--;
    } else break;
  }
  return end > i + prefix ? end : -1;
}

/**
 * A raw HTML tag as CommonMark reads one (strict attribute syntax), ending before `limit`.
 * Returns its end or -1.
 */
function readStrictTag(text: string, p: number, limit: number): number {
  const end = Math.min(limit, p + MAX_INLINE_TAG);
  let j = p + 1;
  const closing = text.charCodeAt(j) === 0x2f;
  if (closing) j++;
  const isNameUnit = (cu: number): boolean => {
    const lower = cu | 0x20;
    return (lower >= 0x61 && lower <= 0x7a) || (cu >= 0x30 && cu <= 0x39) || cu === 0x2d;
  };
  while (j < end && isNameUnit(text.charCodeAt(j))) j++;
  for (;;) {
    const spaceStart = j;
    while (j < end && isWhitespace(text.charCodeAt(j))) j++;
    if (j >= end) return -1;
    const cu = text.charCodeAt(j);
    if (cu === 0x3e) return j + 1;
    if (closing) return -1;
    if (cu === 0x2f) return text.charCodeAt(j + 1) === 0x3e && j + 1 < end ? j + 2 : -1;
    const lower = cu | 0x20;
    if (j === spaceStart || !((lower >= 0x61 && lower <= 0x7a) || cu === 0x5f || cu === 0x3a)) return -1;
    j++;
    while (j < end) {
      const a = text.charCodeAt(j);
      const al = a | 0x20;
      if (
        (al >= 0x61 && al <= 0x7a) ||
        (a >= 0x30 && a <= 0x39) ||
        a === 0x5f ||
        a === 0x2e ||
        a === 0x3a ||
        a === 0x2d
      )
        j++;
      else break;
    }
    const afterName = j;
    while (j < end && isWhitespace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== 0x3d) {
      j = afterName;
      continue;
    }
    j++;
    while (j < end && isWhitespace(text.charCodeAt(j))) j++;
    const quote = text.charCodeAt(j);
    if (quote === 0x22 || quote === 0x27) {
      j++;
      while (j < end && text.charCodeAt(j) !== quote) j++;
      if (j >= end) return -1;
      j++;
    } else {
      const valueStart = j;
      while (j < end) {
        const v = text.charCodeAt(j);
        if (v <= 0x20 || v === 0x22 || v === 0x27 || v === 0x3d || v === 0x3c || v === 0x3e || v === 0x60)
          break;
        j++;
      }
      if (j === valueStart) return -1;
    }
  }
}

/** Reference definitions `[label]: destination`, at a line start after blockquote or list markers. */
function readDefinitions(text: string, blanks: readonly number[]): Definition[] {
  const definitions: Definition[] = [];
  let blank = 0;
  for (let lineStart = 0; lineStart < text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    while (blank < blanks.length && blanks[blank]! <= lineStart) blank++;
    const paragraphEnd = blank < blanks.length ? blanks[blank]! : text.length;
    let i = lineStart;
    const prefixEnd = Math.min(lineEnd, lineStart + MAX_LINE_PREFIX);
    while (i < prefixEnd) {
      const cu = text.charCodeAt(i);
      if (isLineSpace(cu) || cu === 0x3e) i++;
      else if ((cu === 0x2d || cu === 0x2a || cu === 0x2b) && isLineSpace(text.charCodeAt(i + 1))) i += 2;
      else if (cu >= 0x30 && cu <= 0x39) {
        let k = i;
        while (k < prefixEnd && text.charCodeAt(k) >= 0x30 && text.charCodeAt(k) <= 0x39) k++;
        const marker = text.charCodeAt(k);
        if ((marker === 0x2e || marker === 0x29) && isLineSpace(text.charCodeAt(k + 1))) i = k + 2;
        else break;
      } else break;
    }
    if (text.charCodeAt(i) === 0x5b) {
      const close = readLabelEnd(text, i, paragraphEnd);
      if (close > i + 1 && text.charCodeAt(close + 1) === 0x3a) {
        const destAt = skipSpaceAndOneNewline(text, close + 2);
        const dest = readDestination(text, destAt);
        const label = normaliseLabel(text.slice(i + 1, close));
        if (dest !== undefined && label !== '') {
          definitions.push({
            start: i,
            labelEnd: close + 2,
            label,
            destStart: dest.start,
            destEnd: dest.end,
            dest: dest.dest,
          });
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  return definitions;
}

/** Maximal backtick runs grouped by length, each with a cursor that only moves forward. */
class BacktickRuns {
  private readonly byLength = new Map<number, { starts: number[]; next: number }>();

  constructor(text: string) {
    for (let i = text.indexOf('`'); i >= 0; ) {
      let j = i;
      while (text.charCodeAt(j) === 0x60) j++;
      const length = j - i;
      let group = this.byLength.get(length);
      if (group === undefined) {
        group = { starts: [], next: 0 };
        this.byLength.set(length, group);
      }
      group.starts.push(i);
      i = text.indexOf('`', j);
    }
  }

  /** The first run of exactly `length` backticks starting at or after `from`, or -1. */
  next(length: number, from: number): number {
    const group = this.byLength.get(length);
    if (group === undefined) return -1;
    while (group.next < group.starts.length && group.starts[group.next]! < from) group.next++;
    return group.next < group.starts.length ? group.starts[group.next]! : -1;
  }
}

interface ScanContext {
  readonly text: string;
  readonly blanks: readonly number[];
  readonly definitions: readonly Definition[];
  readonly labels: ReadonlySet<string>;
  readonly out: Map<string, MarkdownToken>;
}

function add(context: ScanContext, token: MarkdownToken): void {
  const key = `${token.kind}:${token.start}:${token.end}`;
  if (!context.out.has(key)) context.out.set(key, token);
}

/** One left-to-right pass pairing brackets; `cmark` consumes code spans and raw HTML as units. */
function scanInline(context: ScanContext, cmark: boolean): void {
  const { text, blanks, definitions } = context;
  const openers: number[] = [];
  const runs = cmark ? new BacktickRuns(text) : undefined;
  const commentEnds = new ForwardFinder(text, '-->');
  let blank = 0;
  let paragraphEnd = blanks.length > 0 ? blanks[0]! : text.length;
  let definition = 0;
  // Bare URLs are not jumped over (GFM links them after brackets are paired), but one that
  // lies inside another is not read again.
  let bareUntil = 0;
  let i = 0;
  while (i < text.length) {
    if (i >= paragraphEnd) {
      openers.length = 0;
      while (blank < blanks.length && blanks[blank]! <= i) blank++;
      paragraphEnd = blank < blanks.length ? blanks[blank]! : text.length;
    }
    while (definition < definitions.length && definitions[definition]!.start < i) definition++;
    if (definition < definitions.length && definitions[definition]!.start === i) {
      // Only the label is skipped: the destination is still scanned in case it is no definition.
      i = definitions[definition]!.labelEnd;
      continue;
    }
    const cu = text.charCodeAt(i);
    switch (cu) {
      case 0x5c:
        i += isAsciiPunctuation(text.charCodeAt(i + 1)) ? 2 : 1;
        continue;
      case 0x21:
        if (text.charCodeAt(i + 1) === 0x5b) {
          openers.push(i);
          i += 2;
          continue;
        }
        break;
      case 0x5b:
        openers.push(i);
        break;
      case 0x5d: {
        const opener = openers.pop();
        if (opener !== undefined) {
          const next = closeBracket(context, opener, i, paragraphEnd);
          if (next > i) {
            i = next;
            continue;
          }
        }
        break;
      }
      case 0x3c: {
        const autolinkEnd = readAutolink(text, i);
        if (autolinkEnd > 0) {
          add(context, {
            kind: 'autolink',
            start: i,
            end: autolinkEnd,
            dest: text.slice(i + 1, autolinkEnd - 1),
          });
          if (cmark) {
            i = autolinkEnd;
            continue;
          }
          break;
        }
        if (cmark) {
          if (text.startsWith('<!--', i)) {
            const close = commentEnds.next(i + 4);
            if (close >= 0 && close + 3 <= paragraphEnd) {
              i = close + 3;
              continue;
            }
          } else if (isTagStart(text, i)) {
            const tagEnd = readStrictTag(text, i, paragraphEnd);
            if (tagEnd > 0) {
              i = tagEnd;
              continue;
            }
          }
        }
        break;
      }
      case 0x60:
        if (runs !== undefined) {
          let j = i;
          while (text.charCodeAt(j) === 0x60) j++;
          const closer = runs.next(j - i, j);
          if (closer >= 0 && closer < paragraphEnd) {
            i = closer + (j - i);
            continue;
          }
          i = j;
          continue;
        }
        break;
      case 0x68:
      case 0x48:
      case 0x77:
      case 0x57: {
        const bareEnd = i < bareUntil ? -1 : readBareUrl(text, i);
        if (bareEnd > 0) {
          const raw = text.slice(i, bareEnd);
          add(context, {
            kind: 'bare',
            start: i,
            end: bareEnd,
            dest: (cu | 0x20) === 0x77 ? `http://${raw}` : raw,
          });
          bareUntil = bareEnd;
        }
        break;
      }
    }
    i++;
  }
}

/** Handles the `]` at `close` closing `opener`; returns where to continue (or `close` to go on by one). */
function closeBracket(context: ScanContext, opener: number, close: number, paragraphEnd: number): number {
  const { text } = context;
  const image = text.charCodeAt(opener) === 0x21;
  const textStart = opener + (image ? 2 : 1);
  const after = text.charCodeAt(close + 1);
  if (after === 0x28) {
    const tail = readInlineTail(text, close + 1, paragraphEnd);
    if (tail.complete || tail.dest !== undefined) {
      add(context, {
        kind: 'inline',
        image,
        start: opener,
        textStart,
        textEnd: close,
        closeStart: close,
        dest: tail.dest?.dest ?? '',
        end: tail.end,
        complete: tail.complete,
      });
      if (tail.complete) return tail.end;
    }
  }
  if (context.labels.size === 0) return close;
  const labels: string[] = [];
  let end = close + 1;
  if (close - textStart <= MAX_LABEL) labels.push(normaliseLabel(text.slice(textStart, close)));
  if (after === 0x5b) {
    const labelClose = readLabelEnd(text, close + 1, paragraphEnd);
    if (labelClose > 0) {
      const full = normaliseLabel(text.slice(close + 2, labelClose));
      if (full !== '') labels.push(full);
      end = labelClose + 1;
    }
  }
  const resolvable = labels.filter((label) => context.labels.has(label));
  if (resolvable.length > 0) {
    add(context, {
      kind: 'reference',
      image,
      start: opener,
      textStart,
      textEnd: close,
      closeStart: close,
      end,
      labels: resolvable,
    });
    return end;
  }
  return close;
}

/** Tokenizes `text`; tokens are returned in order of their start. */
export function tokenizeMarkdown(text: string): MarkdownTokens {
  const blanks = blankLineStarts(text);
  const definitions = readDefinitions(text, blanks);
  const labels = new Set(definitions.map((d) => d.label));
  const context: ScanContext = { text, blanks, definitions, labels, out: new Map() };
  scanInline(context, true);
  scanInline(context, false);
  const tokens = [...context.out.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  return { tokens, definitions };
}

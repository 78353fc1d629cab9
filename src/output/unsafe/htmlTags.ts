/**
 * A linear HTML tag reader with the browser's tokenizer rules for where a tag and its
 * attributes end. It does not build a tree: callers walk tags in order.
 */

export interface HtmlAttribute {
  /** Lower-case name. */
  readonly name: string;
  /** The raw value, character references not decoded ('' when absent). */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

export interface HtmlTag {
  /** Lower-case name. */
  readonly name: string;
  readonly start: number;
  /** After the closing `>`, or the end of the text when the tag is not closed. */
  readonly end: number;
  readonly closing: boolean;
  /** False when the text ends before the `>`: the tag would swallow whatever follows it. */
  readonly closed: boolean;
  readonly attributes: readonly HtmlAttribute[];
}

function isAsciiLetter(cu: number): boolean {
  const lower = cu | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

function isHtmlSpace(cu: number): boolean {
  return cu === 0x20 || cu === 0x09 || cu === 0x0a || cu === 0x0c || cu === 0x0d;
}

/** True when a tag starts at `i`: `<` then a letter, or `</` then a letter. */
export function isTagStart(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== 0x3c) return false;
  const next = text.charCodeAt(i + 1);
  return isAsciiLetter(next) || (next === 0x2f && isAsciiLetter(text.charCodeAt(i + 2)));
}

/** Reads the tag that starts at `start` (where `isTagStart` holds). */
export function readTag(text: string, start: number): HtmlTag {
  const length = text.length;
  let i = start + 1;
  const closing = text.charCodeAt(i) === 0x2f;
  if (closing) i++;
  const nameStart = i;
  while (i < length) {
    const cu = text.charCodeAt(i);
    if (isHtmlSpace(cu) || cu === 0x2f || cu === 0x3e) break;
    i++;
  }
  const name = text.slice(nameStart, i).toLowerCase();
  const attributes: HtmlAttribute[] = [];
  while (i < length) {
    let cu = text.charCodeAt(i);
    if (cu === 0x3e) return { name, start, end: i + 1, closing, closed: true, attributes };
    if (isHtmlSpace(cu) || cu === 0x2f) {
      i++;
      continue;
    }
    // Attribute name: a first '=' belongs to the name, as in browsers.
    const attrStart = i;
    i++;
    while (i < length) {
      cu = text.charCodeAt(i);
      if (isHtmlSpace(cu) || cu === 0x2f || cu === 0x3e || cu === 0x3d) break;
      i++;
    }
    const attrName = text.slice(attrStart, i).toLowerCase();
    let j = i;
    while (j < length && isHtmlSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== 0x3d) {
      attributes.push({ name: attrName, value: '', start: attrStart, end: i });
      continue;
    }
    j++;
    while (j < length && isHtmlSpace(text.charCodeAt(j))) j++;
    const quote = text.charCodeAt(j);
    let value: string;
    if (quote === 0x22 || quote === 0x27) {
      const close = text.indexOf(quote === 0x22 ? '"' : "'", j + 1);
      const valueEnd = close < 0 ? length : close;
      value = text.slice(j + 1, valueEnd);
      i = close < 0 ? length : close + 1;
    } else {
      const valueStart = j;
      while (j < length) {
        cu = text.charCodeAt(j);
        if (isHtmlSpace(cu) || cu === 0x3e) break;
        j++;
      }
      value = text.slice(valueStart, j);
      i = j;
    }
    attributes.push({ name: attrName, value, start: attrStart, end: i });
  }
  return { name, start, end: length, closing, closed: false, attributes };
}

/** Elements whose content the browser reads as text up to the matching end tag. */
const RAW_TEXT: ReadonlySet<string> = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
]);

/** Finds `</name` (case-insensitive) from `from`; the text length when there is none. */
function findEndTag(text: string, name: string, from: number): number {
  let i = text.indexOf('</', from);
  while (i >= 0) {
    let k = 0;
    while (k < name.length && (text.charCodeAt(i + 2 + k) | 0x20) === name.charCodeAt(k)) k++;
    if (k === name.length) {
      const after = text.charCodeAt(i + 2 + k);
      if (Number.isNaN(after) || isHtmlSpace(after) || after === 0x2f || after === 0x3e) return i;
    }
    i = text.indexOf('</', i + 2);
  }
  return text.length;
}

/**
 * Walks the tags of a document as a browser tokenizer would: comments and bogus comments are
 * skipped, the content of raw-text elements (script, style, textarea, …) is not read as tags,
 * `<plaintext>` ends tag reading. `element` gives the span of a raw-text element up to the end
 * of its end tag.
 */
export function walkHtmlTags(text: string, visit: (tag: HtmlTag, elementEnd: number) => void): void {
  let i = text.indexOf('<');
  while (i >= 0 && i < text.length) {
    const next = text.charCodeAt(i + 1);
    if (next === 0x21 && text.startsWith('!--', i + 1)) {
      const close = text.indexOf('-->', i + 4);
      const bang = text.indexOf('--!>', i + 4);
      const end =
        close < 0 && bang < 0
          ? text.length
          : Math.min(close < 0 ? Infinity : close + 3, bang < 0 ? Infinity : bang + 4);
      i = text.indexOf('<', end);
      continue;
    }
    if (
      next === 0x21 ||
      next === 0x3f ||
      (next === 0x2f && !isAsciiLetter(text.charCodeAt(i + 2)) && text.charCodeAt(i + 2) !== 0x3e)
    ) {
      const close = text.indexOf('>', i + 2);
      if (close < 0) return;
      i = text.indexOf('<', close + 1);
      continue;
    }
    if (!isTagStart(text, i)) {
      i = text.indexOf('<', i + 1);
      continue;
    }
    const tag = readTag(text, i);
    let elementEnd = tag.end;
    if (!tag.closing && tag.name === 'plaintext') {
      visit(tag, text.length);
      return;
    }
    if (!tag.closing && RAW_TEXT.has(tag.name) && tag.end < text.length) {
      const endTag = findEndTag(text, tag.name, tag.end);
      elementEnd = endTag >= text.length ? text.length : readTag(text, endTag).end;
    }
    visit(tag, elementEnd);
    i = text.indexOf('<', elementEnd);
  }
}

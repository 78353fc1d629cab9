import sanitizeHtml from 'sanitize-html';
import { type HtmlTag, walkHtmlTags } from './htmlTags.js';
import { imageRemovedText, judgeImageUrl, judgeLinkUrl, type UrlPolicy } from './policy.js';
import type { UnsafeMatch } from './types.js';

export type HtmlOutputOptions = UrlPolicy;

export interface SanitizedHtml {
  readonly html: string;
  /** What was removed, with spans in the input HTML. */
  readonly matches: UnsafeMatch[];
}

const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'div',
  'span',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'strike',
  'del',
  'ins',
  'mark',
  'small',
  'sub',
  'sup',
  'abbr',
  'cite',
  'q',
  'dfn',
  'time',
  'blockquote',
  'code',
  'pre',
  'kbd',
  'samp',
  'var',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'details',
  'summary',
  'figure',
  'figcaption',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
  'colgroup',
  'col',
  'a',
  'img',
];

const ALLOWED_ATTRIBUTES: Readonly<Record<string, string[]>> = {
  a: ['href', 'title', 'rel'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  th: ['colspan', 'rowspan', 'scope'],
  td: ['colspan', 'rowspan'],
  col: ['span'],
  colgroup: ['span'],
  ol: ['start', 'reversed', 'type'],
  li: ['value'],
  abbr: ['title'],
  time: ['datetime'],
  code: ['class'],
};

/** Elements dropped together with their content. */
const NON_TEXT_TAGS = [
  'script',
  'style',
  'textarea',
  'option',
  'select',
  'noscript',
  'title',
  'xmp',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'template',
  'noembed',
  'noframes',
  'plaintext',
];

const LINK_REL = 'noopener noreferrer nofollow';

/** Dangerous elements and the match type each one gets. */
const ELEMENT_TYPES: Readonly<Record<string, readonly [string, number]>> = {
  script: ['html:script', 0.99],
  style: ['html:style', 0.8],
  iframe: ['html:iframe', 0.95],
  frame: ['html:iframe', 0.95],
  frameset: ['html:iframe', 0.9],
  portal: ['html:iframe', 0.9],
  fencedframe: ['html:iframe', 0.9],
  object: ['html:object', 0.95],
  embed: ['html:object', 0.95],
  applet: ['html:object', 0.95],
  form: ['html:form', 0.8],
  input: ['html:form', 0.7],
  button: ['html:form', 0.6],
  textarea: ['html:form', 0.6],
  select: ['html:form', 0.6],
  isindex: ['html:form', 0.7],
  keygen: ['html:form', 0.7],
  svg: ['html:svg', 0.85],
  math: ['html:mathml', 0.85],
  meta: ['html:meta', 0.85],
  link: ['html:meta', 0.85],
  base: ['html:meta', 0.9],
};

/** Attributes that hold a URL the browser follows or loads. */
const URL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'href',
  'src',
  'srcset',
  'action',
  'formaction',
  'xlink:href',
  'data',
  'poster',
  'background',
  'lowsrc',
  'dynsrc',
  'ping',
  'cite',
  'codebase',
  'archive',
  'longdesc',
  'manifest',
  'icon',
  'profile',
  'usemap',
  'classid',
]);

/** URL attributes fetched without a click, on any element. */
const AUTO_LOAD: ReadonlySet<string> = new Set([
  'src',
  'srcset',
  'poster',
  'background',
  'lowsrc',
  'dynsrc',
  'data',
  'codebase',
  'archive',
  'manifest',
  'icon',
]);

function firstSrcsetUrl(value: string): string {
  const trimmed = value.trim();
  let end = 0;
  while (end < trimmed.length && trimmed.charCodeAt(end) > 0x20 && trimmed.charCodeAt(end) !== 0x2c) end++;
  return trimmed.slice(0, end);
}

/**
 * What is dangerous about one tag, spans in the text. `elementEnd` is where the element ends
 * for raw-text elements (script, style, …), otherwise the end of the tag.
 */
export function classifyHtmlTag(tag: HtmlTag, elementEnd: number, policy: UrlPolicy): UnsafeMatch[] {
  const matches: UnsafeMatch[] = [];
  if (tag.closing) return matches;
  const element = ELEMENT_TYPES[tag.name];
  if (element !== undefined) {
    matches.push({
      type: element[0],
      start: tag.start,
      end: elementEnd,
      confidence: element[1],
      label: 'UNSAFE_HTML',
      detail: `<${tag.name}>`,
    });
  }
  for (const attribute of tag.attributes) {
    const span = { start: attribute.start, end: attribute.end };
    const name = attribute.name;
    if (name.startsWith('on') && name.length > 2) {
      matches.push({
        type: 'html:event-handler',
        ...span,
        confidence: 0.97,
        label: 'UNSAFE_HTML',
        detail: name,
      });
    } else if (name === 'srcdoc') {
      matches.push({ type: 'html:srcdoc', ...span, confidence: 0.97, label: 'UNSAFE_HTML', detail: name });
    } else if (name === 'style') {
      matches.push({
        type: 'html:style',
        ...span,
        confidence: 0.5,
        label: 'UNSAFE_HTML',
        detail: 'style attribute',
      });
    } else if (URL_ATTRIBUTES.has(name)) {
      const url = name === 'srcset' ? firstSrcsetUrl(attribute.value) : attribute.value;
      const autoLoads = AUTO_LOAD.has(name) || (name === 'href' && tag.name !== 'a' && tag.name !== 'area');
      const verdict = autoLoads ? judgeImageUrl(url, policy, false) : judgeLinkUrl(url, policy, false);
      if (verdict !== undefined) {
        const type = verdict.risk === 'script-url' ? 'html:javascript-url' : `html:${verdict.risk}`;
        matches.push({
          type,
          ...span,
          confidence: verdict.confidence,
          label: 'UNSAFE_URL',
          detail: `${name}: ${verdict.detail}`,
        });
      }
    }
  }
  return matches;
}

/** Finds what `sanitizeHtmlOutput` removes for safety, without rewriting anything. */
export function detectHtmlRisks(html: string, options: HtmlOutputOptions = {}): UnsafeMatch[] {
  const matches: UnsafeMatch[] = [];
  walkHtmlTags(html, (tag, elementEnd) => {
    for (const match of classifyHtmlTag(tag, elementEnd, options)) matches.push(match);
  });
  return matches;
}

function sanitizerOptions(policy: UrlPolicy): sanitizeHtml.IOptions {
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedClasses: { code: ['language-*'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: {
      img: policy.allowDataImages === true ? ['http', 'https', 'data'] : ['http', 'https'],
    },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    // Protocol-relative URLs are judged by host like any other (images) or by payload (links).
    allowProtocolRelative: true,
    allowedStyles: {},
    disallowedTagsMode: 'discard',
    nonTextTags: NON_TEXT_TAGS,
    parseStyleAttributes: false,
    transformTags: {
      a: (tagName, attribs) => {
        const { href, ...rest } = attribs;
        const attributes: Record<string, string> = { ...rest, rel: LINK_REL };
        if (href !== undefined && judgeLinkUrl(href, policy, false) === undefined) attributes['href'] = href;
        return { tagName, attribs: attributes };
      },
      img: (tagName, attribs) => {
        const src = attribs['src'];
        if (src !== undefined && judgeImageUrl(src, policy, false) === undefined) return { tagName, attribs };
        return { tagName: 'span', attribs: {}, text: imageRemovedText(attribs['alt'] ?? '') };
      },
    },
  };
}

/**
 * Sanitises HTML from a model or agent with a strict allowlist (control C23): basic
 * formatting, lists, code, tables, links (http, https, mailto; `rel="noopener noreferrer
 * nofollow"`), images only from allowed hosts. Scripts, styles, frames, objects, forms, SVG,
 * MathML, event handlers and `srcdoc` are removed; `matches` says what and where.
 */
export function sanitizeHtmlOutput(html: string, options: HtmlOutputOptions = {}): SanitizedHtml {
  const matches = detectHtmlRisks(html, options);
  return { html: sanitizeHtml(html, sanitizerOptions(options)), matches };
}

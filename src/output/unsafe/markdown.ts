import { applyEdits, type Edit, mapSpan } from './edits.js';
import { classifyHtmlTag } from './html.js';
import { isTagStart, readTag } from './htmlTags.js';
import { type Definition, type MarkdownToken, tokenizeMarkdown } from './markdownTokens.js';
import { imageRemovedText, judgeImageUrl, judgeLinkUrl, type UrlPolicy, type UrlVerdict } from './policy.js';
import { ForwardFinder } from './scanText.js';
import type { Neutralised, Plan, UnsafeMatch } from './types.js';
import { decodeReferences } from './url.js';

export type MarkdownOptions = UrlPolicy;

const LINK_REMOVED = ' (link removed)';
/** What a dangerous reference definition points to afterwards: a harmless in-page fragment. */
const DEFINITION_REMOVED = '#link-removed';

/** URL risks found in raw HTML are reported with the markdown types. */
const HTML_URL_TYPES: Readonly<Record<string, string>> = {
  'html:exfil-image': 'markdown:exfil-image',
  'html:exfil-link': 'markdown:exfil-link',
  'html:javascript-url': 'markdown:script-url',
  'html:data-url': 'markdown:data-url',
  'html:unsafe-url': 'markdown:unsafe-url',
};

function urlMatch(verdict: UrlVerdict, start: number, end: number): UnsafeMatch {
  return {
    type: `markdown:${verdict.risk}`,
    start,
    end,
    confidence: verdict.confidence,
    label: 'UNSAFE_URL',
    detail: verdict.detail,
  };
}

function judge(dest: string, image: boolean, policy: UrlPolicy): UrlVerdict | undefined {
  return image ? judgeImageUrl(dest, policy, true) : judgeLinkUrl(dest, policy, true);
}

/** A replacement right after `]` starts with a space, so it can never become a link destination. */
function afterBracket(text: string, start: number, replacement: string): string {
  return text.charCodeAt(start - 1) === 0x5d ? ` ${replacement}` : replacement;
}

/** Link or image syntax around `[text]`: an image becomes its alt text, a link keeps its text. */
function neutraliseBrackets(
  text: string,
  token: {
    image: boolean;
    start: number;
    textStart: number;
    textEnd: number;
    closeStart: number;
    end: number;
  },
  edits: Edit[],
): void {
  if (token.image) {
    edits.push({
      start: token.start,
      end: token.end,
      text: afterBracket(text, token.start, imageRemovedText(text.slice(token.textStart, token.textEnd))),
    });
  } else {
    edits.push({ start: token.start, end: token.start + 1, text: '' });
    edits.push({ start: token.closeStart, end: token.end, text: LINK_REMOVED });
  }
}

function planToken(
  text: string,
  token: MarkdownToken,
  byLabel: ReadonlyMap<string, Definition[]>,
  policy: UrlPolicy,
  plan: Plan,
): void {
  if (token.kind === 'autolink' || token.kind === 'bare') {
    const verdict = judgeLinkUrl(token.dest, policy, true);
    if (verdict === undefined) return;
    plan.matches.push(urlMatch(verdict, token.start, token.end));
    plan.edits.push({
      start: token.start,
      end: token.end,
      text: afterBracket(text, token.start, LINK_REMOVED.trimStart()),
    });
    return;
  }
  let verdict: UrlVerdict | undefined;
  if (token.kind === 'inline') verdict = judge(token.dest, token.image, policy);
  else {
    for (const label of token.labels) {
      for (const definition of byLabel.get(label) ?? []) {
        const found = judge(definition.dest, token.image, policy);
        if (found !== undefined && (verdict === undefined || found.confidence > verdict.confidence))
          verdict = found;
      }
    }
  }
  if (verdict === undefined) return;
  plan.matches.push(urlMatch(verdict, token.start, token.end));
  neutraliseBrackets(text, token, plan.edits);
}

/**
 * Raw HTML inside markdown, read at every tag start: an `<img>` with an unsafe source or
 * handler becomes its alt text, an `<a>` with an unsafe href loses the tag, and any other tag
 * a browser would act on (script, iframe, handlers, …) is escaped to text. A tag that starts
 * inside another tag's attributes is escaped too, since a renderer may not see that attribute.
 */
function planRawHtml(text: string, policy: UrlPolicy, plan: Plan): void {
  const closeAnchor = new ForwardFinder(text, '</', (at) => {
    if ((text.charCodeAt(at + 2) | 0x20) !== 0x61) return false;
    const after = text.charCodeAt(at + 3);
    return (
      after === 0x3e || after === 0x2f || after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d
    );
  });
  let coveredUntil = 0;
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
    if (!isTagStart(text, i)) continue;
    const closing = text.charCodeAt(i + 1) === 0x2f;
    if (i < coveredUntil) {
      if (!closing) {
        plan.matches.push({
          type: 'html:nested-tag',
          start: i,
          end: i + 1,
          confidence: 0.5,
          label: 'UNSAFE_HTML',
        });
        plan.edits.push({ start: i, end: i + 1, text: '&lt;' });
      }
      continue;
    }
    const tag = readTag(text, i);
    coveredUntil = tag.end;
    if (tag.closing) continue;
    const found = classifyHtmlTag(tag, tag.end, policy);
    if (found.length === 0) continue;
    let urlOnly = true;
    for (const match of found) {
      const type = HTML_URL_TYPES[match.type];
      if (type === undefined) urlOnly = false;
      plan.matches.push(type === undefined ? match : { ...match, type });
    }
    if (!tag.closed) {
      // An unclosed tag runs to the end: escape it rather than remove everything after it.
      plan.edits.push({ start: tag.start, end: tag.start + 1, text: '&lt;' });
    } else if (tag.name === 'img') {
      const alt = tag.attributes.find((a) => a.name === 'alt')?.value ?? '';
      plan.edits.push({
        start: tag.start,
        end: tag.end,
        text: afterBracket(text, tag.start, imageRemovedText(decodeReferences(alt, false))),
      });
    } else if (tag.name === 'a' && urlOnly) {
      const close = closeAnchor.next(tag.end);
      if (close < 0) plan.edits.push({ start: tag.start, end: tag.end, text: `${LINK_REMOVED.trim()} ` });
      else {
        plan.edits.push({ start: tag.start, end: tag.end, text: '' });
        plan.edits.push({ start: close, end: readTag(text, close).end, text: LINK_REMOVED });
      }
    } else {
      plan.edits.push({ start: tag.start, end: tag.start + 1, text: '&lt;' });
    }
  }
}

/** Finds what `neutraliseMarkdown` would change, and the edits that change it. */
export function planMarkdown(text: string, options: MarkdownOptions = {}): Plan {
  const { tokens, definitions } = tokenizeMarkdown(text);
  const byLabel = new Map<string, Definition[]>();
  for (const definition of definitions) {
    const list = byLabel.get(definition.label);
    if (list === undefined) byLabel.set(definition.label, [definition]);
    else list.push(definition);
  }
  const plan: Plan = { matches: [], edits: [] };
  for (const token of tokens) planToken(text, token, byLabel, options, plan);
  for (const definition of definitions) {
    const verdict = judgeLinkUrl(definition.dest, options, true);
    if (verdict === undefined) continue;
    plan.matches.push(urlMatch(verdict, definition.start, definition.destEnd));
    plan.edits.push({ start: definition.destStart, end: definition.destEnd, text: DEFINITION_REMOVED });
  }
  planRawHtml(text, options, plan);
  plan.matches.sort((a, b) => a.start - b.start || a.end - b.end);
  return plan;
}

/** What is unsafe in markdown from a model or agent, without rewriting it. */
export function findMarkdownRisks(text: string, options: MarkdownOptions = {}): UnsafeMatch[] {
  return planMarkdown(text, options).matches;
}

/** Passes after which neutralising falls back to escaping every bracket and tag start. */
const MAX_PASSES = 8;

/** Takes every bracket and tag start out of play: nothing can link, load or run any more. */
function escapeEverything(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    out += ch === '<' ? '&lt;' : ch === '[' ? '\\[' : ch === ']' ? '\\]' : ch;
  }
  return out;
}

/**
 * Neutralises markdown from a model or agent (control C23, OWASP LLM05). Images from hosts
 * not on `allowedHosts` are zero-click beacons and become `(image removed: alt)`; links that
 * carry data to such hosts, and `javascript:`, `vbscript:`, `data:` and `file:` URLs lose their
 * URL and keep their text (`text (link removed)`); reference definitions, autolinks, bare URLs
 * and raw HTML are handled alike. Allowlisted URLs stay.
 *
 * Removing one construct can complete another (`<javascript:x<script>` becomes an autolink
 * once the tag is escaped), so passes repeat until nothing changes: the result is a fixed
 * point, and neutralising it again changes nothing. Match spans are offsets in the input.
 */
export function neutraliseMarkdown(text: string, options: MarkdownOptions = {}): Neutralised {
  const matches: UnsafeMatch[] = [];
  let current = text;
  let toInput = (offset: number): number => offset;
  for (let pass = 0; pass <= MAX_PASSES; pass++) {
    const plan = planMarkdown(current, options);
    const map = toInput;
    for (const match of plan.matches) matches.push(pass === 0 ? match : mapSpan(match, map));
    if (plan.edits.length === 0) break;
    const applied = pass < MAX_PASSES ? applyEdits(current, plan.edits) : undefined;
    if (applied === undefined) {
      // Did not settle: fall back to the bluntest safe form.
      current = escapeEverything(current);
      const last = planMarkdown(current, options);
      current = applyEdits(current, last.edits).text;
      break;
    }
    toInput = (offset) => map(applied.toInput(offset));
    current = applied.text;
  }
  const unique = new Map<string, UnsafeMatch>();
  for (const match of matches) unique.set(`${match.type}:${match.start}:${match.end}`, match);
  return { text: current, matches: [...unique.values()].sort((a, b) => a.start - b.start || a.end - b.end) };
}

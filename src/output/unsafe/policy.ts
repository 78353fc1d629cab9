import { isBidiControl, isInvisible, isTagCharacter } from '../../scan/normalise/index.js';
import { inspectUrl, isAsciiAlnum, isHostAllowed, type UrlInfo } from './url.js';

/** Which URLs may stay in neutralised output. */
export interface UrlPolicy {
  /** Hosts images may load from and links may carry data to: `example.com`, or `*.example.com` for subdomains. */
  readonly allowedHosts?: readonly string[];
  /** Keep `data:image/(png|jpeg|gif|webp)` images (never SVG). Default false. */
  readonly allowDataImages?: boolean;
  /**
   * Keep images with relative URLs. Default false: they load from the page's own origin with
   * its cookies, which turns an image into a same-origin GET request.
   */
  readonly allowRelativeImages?: boolean;
}

export type UrlRisk = 'script-url' | 'data-url' | 'unsafe-url' | 'exfil-image' | 'exfil-link';

export interface UrlVerdict {
  readonly risk: UrlRisk;
  readonly confidence: number;
  readonly detail: string;
}

function describe(info: UrlInfo): string {
  return info.payload === undefined ? info.host : `${info.host}; ${info.payload}`;
}

/** Shared by images and links: schemes that are never acceptable. */
function schemeVerdict(info: UrlInfo, policy: UrlPolicy, image: boolean): UrlVerdict | undefined {
  switch (info.kind) {
    case 'script':
      return { risk: 'script-url', confidence: 0.99, detail: `${info.scheme}:` };
    case 'data':
      if (image && info.rasterDataImage && policy.allowDataImages === true) return undefined;
      return { risk: 'data-url', confidence: 0.9, detail: 'data:' };
    case 'file':
      return { risk: 'unsafe-url', confidence: 0.85, detail: 'file:' };
    case 'other':
      return { risk: 'unsafe-url', confidence: 0.7, detail: `${info.scheme}:` };
    case 'invalid':
      return { risk: 'unsafe-url', confidence: 0.4, detail: 'unparsable URL' };
    default:
      return undefined;
  }
}

/** An image loads by itself: any host not on the allowlist is a zero-click beacon. */
export function judgeImageUrl(raw: string, policy: UrlPolicy, markdown: boolean): UrlVerdict | undefined {
  const info = inspectUrl(raw, markdown);
  const scheme = schemeVerdict(info, policy, true);
  if (scheme !== undefined || info.kind === 'data') return scheme;
  if (info.kind === 'relative') {
    return policy.allowRelativeImages === true
      ? undefined
      : { risk: 'unsafe-url', confidence: 0.4, detail: 'relative image URL' };
  }
  if (info.kind === 'mailto') return { risk: 'unsafe-url', confidence: 0.7, detail: 'mailto:' };
  if (isHostAllowed(info.host, policy.allowedHosts)) return undefined;
  return { risk: 'exfil-image', confidence: info.payload === undefined ? 0.8 : 0.97, detail: describe(info) };
}

/** A link needs a click: only flagged when it carries data to a host not on the allowlist. */
export function judgeLinkUrl(raw: string, policy: UrlPolicy, markdown: boolean): UrlVerdict | undefined {
  const info = inspectUrl(raw, markdown);
  const scheme = schemeVerdict(info, policy, false);
  if (scheme !== undefined) return scheme;
  if (info.kind === 'relative' || info.payload === undefined) return undefined;
  if (isHostAllowed(info.host, policy.allowedHosts)) return undefined;
  return { risk: 'exfil-link', confidence: 0.75, detail: describe(info) };
}

const LABEL_PUNCTUATION = ",.:;'?-/%+=@";

/** Alt or link text made inert for a replacement: no markup characters, one line, bounded. */
export function plainLabel(text: string, max = 80): string {
  let out = '';
  let gap = false;
  for (let i = 0; i < text.length && out.length < max; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const keep =
      cp > 0x7f
        ? cp > 0x9f &&
          !(cp >= 0xd800 && cp <= 0xdfff) &&
          !isInvisible(cp) &&
          !isBidiControl(cp) &&
          !isTagCharacter(cp)
        : isAsciiAlnum(cp) || LABEL_PUNCTUATION.includes(text[i]!);
    if (keep) {
      if (gap) out += ' ';
      out += text.slice(i, i + width);
      gap = false;
    } else gap = out.length > 0;
    i += width;
  }
  return out;
}

/** The readable stand-in for a removed image. */
export function imageRemovedText(alt: string): string {
  const label = plainLabel(alt);
  return label === '' ? '(image removed)' : `(image removed: ${label})`;
}

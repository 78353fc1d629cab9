import type { Sink } from '../types.js';
import { detectHtmlRisks } from './html.js';
import { findMarkdownRisks } from './markdown.js';
import type { UrlPolicy } from './policy.js';
import { detectShellRisks } from './shell.js';
import { detectSqlRisks } from './sql.js';
import { findTerminalEscapes } from './terminal.js';
import type { UnsafeMatch } from './types.js';

export interface SinkOptions extends UrlPolicy {
  /** Where the text goes next. */
  readonly sink: Sink;
}

/** `html:script` → `sink:html:script`; a type of another family keeps it: `sink:markdown:html-script`. */
function asSinkMatch(sink: Sink, match: UnsafeMatch): UnsafeMatch {
  const own = `${sink}:`;
  const what = match.type.startsWith(own) ? match.type.slice(own.length) : match.type.replace(':', '-');
  return { ...match, type: `sink:${sink}:${what}` };
}

/**
 * Flags content aimed at the next hop, by the sink the caller declares: shell commands, SQL
 * injections, active HTML, markdown beacons and dangerous links, terminal escapes. Plain
 * `text` has no next-hop interpreter and gets no sink matches. Never rewrites anything.
 */
export function detectSinkRisks(text: string, options: SinkOptions): UnsafeMatch[] {
  switch (options.sink) {
    case 'shell':
      return detectShellRisks(text);
    case 'sql':
      return detectSqlRisks(text);
    case 'html':
      return detectHtmlRisks(text, options).map((m) => asSinkMatch('html', m));
    case 'markdown':
      return findMarkdownRisks(text, options).map((m) => asSinkMatch('markdown', m));
    case 'terminal':
      return findTerminalEscapes(text).map((m) => asSinkMatch('terminal', m));
    case 'text':
      return [];
  }
}

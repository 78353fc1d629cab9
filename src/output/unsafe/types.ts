import type { Severity } from '../../core/index.js';
import type { OutputMatch } from '../types.js';
import type { Edit } from './edits.js';

/**
 * A hit of an unsafe-output detector. `detail` is short, for a reviewer: the ASCII hidden in
 * Unicode tag characters, the host an image would load from, the scheme of a removed URL.
 * It never repeats a URL's query or other carried data.
 */
export interface UnsafeMatch extends OutputMatch {
  readonly detail?: string;
}

/** A neutraliser's result: the rewritten text and what was found, in the input's offsets. */
export interface Neutralised {
  readonly text: string;
  readonly matches: UnsafeMatch[];
}

/** Matches and the edits that neutralise them, both in the input's offsets. */
export interface Plan {
  readonly matches: UnsafeMatch[];
  readonly edits: Edit[];
}

/** How bad each unsafe-output match type is, for turning matches into findings. */
const SEVERITY: Readonly<Record<string, Severity>> = {
  'html:script': 'critical',
  'html:event-handler': 'critical',
  'html:javascript-url': 'critical',
  'html:srcdoc': 'critical',
  'html:iframe': 'high',
  'html:object': 'high',
  'html:form': 'high',
  'html:svg': 'high',
  'html:mathml': 'high',
  'html:meta': 'high',
  'html:style': 'medium',
  'html:data-url': 'high',
  'html:unsafe-url': 'high',
  'html:exfil-image': 'high',
  'html:exfil-link': 'medium',
  'html:nested-tag': 'medium',
  'markdown:exfil-image': 'high',
  'markdown:exfil-link': 'medium',
  'markdown:script-url': 'critical',
  'markdown:data-url': 'high',
  'markdown:unsafe-url': 'high',
  'invisible:tag-characters': 'high',
  'invisible:bidi': 'medium',
  'invisible:zero-width': 'low',
  'terminal:osc52-clipboard': 'high',
  'terminal:hyperlink': 'medium',
  'terminal:escape': 'medium',
  'terminal:control': 'low',
  'sink:shell:rm-rf': 'critical',
  'sink:shell:destructive': 'critical',
  'sink:shell:pipe-to-shell': 'critical',
  'sink:shell:reverse-shell': 'critical',
  'sink:shell:eval': 'high',
  'sink:shell:permissions': 'high',
  'sink:shell:system-redirect': 'high',
  'sink:shell:chaining': 'high',
  'sink:shell:exfil': 'high',
  'sink:shell:command-substitution': 'medium',
  'sink:shell:download': 'medium',
  'sink:shell:privilege': 'medium',
  'sink:shell:network': 'low',
  'sink:sql:stacked-query': 'critical',
  'sink:sql:command-exec': 'critical',
  'sink:sql:tautology': 'high',
  'sink:sql:union-select': 'high',
  'sink:sql:comment-after-quote': 'high',
  'sink:sql:file-access': 'high',
  'sink:sql:time-delay': 'high',
  'sink:sql:executable-comment': 'high',
  'sink:sql:ddl': 'medium',
  'sink:sql:schema-probe': 'medium',
};

/**
 * The severity of an unsafe-output match type. Sink types reuse the severity of the detector
 * they come from (`sink:html:script` → `html:script`, `sink:markdown:html-script` →
 * `html:script`); unknown types are `medium`.
 */
export function unsafeMatchSeverity(type: string): Severity {
  const direct = SEVERITY[type];
  if (direct !== undefined) return direct;
  if (type.startsWith('sink:')) {
    const rest = type.slice(5);
    const own = SEVERITY[rest];
    if (own !== undefined) return own;
    const what = rest.slice(rest.indexOf(':') + 1);
    const dash = what.indexOf('-');
    const foreign = dash > 0 ? SEVERITY[`${what.slice(0, dash)}:${what.slice(dash + 1)}`] : undefined;
    if (foreign !== undefined) return foreign;
  }
  return 'medium';
}

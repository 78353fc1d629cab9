import { z } from 'zod';
import { InvalidInputError, invalidOptionsFromZod } from '../../errors/index.js';
import { SINKS } from '../types.js';
import { type Applied, applyEdits, mapSpan } from './edits.js';
import { sanitizeHtmlOutput } from './html.js';
import { planInvisible } from './invisible.js';
import { neutraliseMarkdown } from './markdown.js';
import { detectShellRisks } from './shell.js';
import type { SinkOptions } from './sinks.js';
import { detectSqlRisks } from './sql.js';
import { planTerminal } from './terminal.js';
import type { Neutralised, UnsafeMatch } from './types.js';

export type UnsafeOptions = SinkOptions;

export const unsafeOptionsSchema = z.strictObject({
  sink: z.enum(SINKS),
  allowedHosts: z.array(z.string().min(1).max(253)).max(1000).optional(),
  allowDataImages: z.boolean().optional(),
  allowRelativeImages: z.boolean().optional(),
});

function resolveOptions(options: unknown): UnsafeOptions {
  const parsed = unsafeOptionsSchema.safeParse(options);
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  return parsed.data;
}

/** Maps matches found in an intermediate text back to the caller's input. */
function mapBack(matches: readonly UnsafeMatch[], applied: Applied): UnsafeMatch[] {
  return matches.map((m) => mapSpan(m, applied.toInput));
}

function sorted(matches: UnsafeMatch[]): UnsafeMatch[] {
  return matches.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Makes model or agent output safe for its sink (control C23, threat T4, OWASP LLM05):
 * - `text`: strips hidden characters (tag characters, zero-width runs, bidi controls);
 * - `terminal`: also escape sequences and screen-rewriting controls;
 * - `markdown`: also image beacons, data-carrying and script links (`neutraliseMarkdown`);
 * - `html`: also sanitises with a strict allowlist (`sanitizeHtmlOutput`);
 * - `shell`, `sql`: flags only; code is never rewritten, `text` comes back unchanged.
 * Hidden characters go first, so `java\u200bscript:` is judged as the `javascript:` it becomes.
 * Match spans are offsets in the input.
 */
export function neutraliseUnsafe(text: string, options: UnsafeOptions): Neutralised {
  if (typeof text !== 'string') throw new InvalidInputError('Expected the output text as a string.');
  const resolved = resolveOptions(options);
  const invisible = planInvisible(text);
  const stripped = applyEdits(text, invisible.edits);
  const clean = stripped.text;
  switch (resolved.sink) {
    case 'text':
      return { text: clean, matches: invisible.matches };
    case 'terminal': {
      const plan = planTerminal(clean);
      const matches = [...invisible.matches, ...mapBack(plan.matches, stripped)];
      return { text: applyEdits(clean, plan.edits).text, matches: sorted(matches) };
    }
    case 'markdown': {
      const neutralised = neutraliseMarkdown(clean, resolved);
      return {
        text: neutralised.text,
        matches: sorted([...invisible.matches, ...mapBack(neutralised.matches, stripped)]),
      };
    }
    case 'html': {
      const sanitized = sanitizeHtmlOutput(clean, resolved);
      return {
        text: sanitized.html,
        matches: sorted([...invisible.matches, ...mapBack(sanitized.matches, stripped)]),
      };
    }
    case 'shell':
    case 'sql': {
      const found = resolved.sink === 'shell' ? detectShellRisks(clean) : detectSqlRisks(clean);
      return { text, matches: sorted([...invisible.matches, ...mapBack(found, stripped)]) };
    }
  }
}

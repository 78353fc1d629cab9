/** Longest entity id or tenant a request may carry. */
export const ENTITY_ID_MAX = 512;

/**
 * Characters an id may not contain: C0/C1 controls and line breaks (they split log lines and
 * diagnostics), bidi and zero-width controls (they make two different ids look the same), BOM.
 */
const FORBIDDEN =
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/**
 * Why a string cannot be an entity id, or `undefined` when it can. Ids go to Cedar as JSON data,
 * never spliced into policy text, so quotes, `::` and the like are ordinary characters that match
 * only themselves; what is refused is what would make an id ambiguous to the people reading it.
 */
export function entityIdProblem(id: unknown): string | undefined {
  if (typeof id !== 'string') return 'must be a string';
  if (id.length === 0) return 'must not be empty';
  if (id.length > ENTITY_ID_MAX) return `must be at most ${ENTITY_ID_MAX} characters`;
  if (!id.isWellFormed()) return 'must be well-formed Unicode';
  if (FORBIDDEN.test(id)) return 'must not contain control, line-break, bidi or zero-width characters';
  return undefined;
}

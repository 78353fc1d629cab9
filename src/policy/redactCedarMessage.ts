/** Names Cedar quotes in messages that are schema or policy vocabulary, not request data. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:(?:::|\.)[A-Za-z_][A-Za-z0-9_]*)*$/;
/** A string literal as Cedar prints it (escaped), optionally as the id of an action uid. */
const STRING_LITERAL = /(Action::)?"(?:[^"\\]|\\.)*"/g;
/** An entity uid whose id is already hidden, or an action uid. */
const UID = /^(?:[A-Za-z_][A-Za-z0-9_]*::)+"(?:[^"\\]|\\.)*"$/;

/**
 * Cedar's evaluation messages quote values (`the values \`5\` and …`, an entity's id, a whole
 * context record). Decisions go to the ledger and to approvers, so every string literal is
 * replaced by `"…"` (except action ids, which come from the schema), and each backtick span is
 * kept only when it is a name or a uid and replaced by `…` otherwise:
 * `Maestro::User::"…"`, `claims.admin`, `Maestro::Action::"tool:pay"`.
 */
export function redactCedarMessage(message: string): string {
  return message
    .replace(STRING_LITERAL, (literal, action: string | undefined) =>
      action === undefined ? '"…"' : literal,
    )
    .replace(/`([^`]*)`/g, (span, inner: string) => (NAME.test(inner) || UID.test(inner) ? span : '`…`'));
}

/** The Cedar namespace of maestro's own types and actions. */
export const MAESTRO_NAMESPACE = 'Maestro';
export const ACTION_TYPE = `${MAESTRO_NAMESPACE}::Action`;
export const AGENT_TYPE = `${MAESTRO_NAMESPACE}::Agent`;
export const USER_TYPE = `${MAESTRO_NAMESPACE}::User`;
/** The resource of a tool call that names none. */
export const TOOL_TYPE = `${MAESTRO_NAMESPACE}::Tool`;

/** What a tool does to the world; each is an action group `Maestro::Action::"effect:<name>"`. */
export const TOOL_EFFECTS = ['read', 'write', 'destructive', 'financial', 'external'] as const;
export type ToolEffect = (typeof TOOL_EFFECTS)[number];

const TOOL_PREFIX = 'tool:';
const EFFECT_PREFIX = 'effect:';

/** The action id of a tool: `tool:<name>` (its uid is `Maestro::Action::"tool:<name>"`). */
export function toolActionId(tool: string): string {
  return TOOL_PREFIX + tool;
}

/** The tool name of a `tool:<name>` action id, or undefined for any other action. */
export function toolNameOf(actionId: string): string | undefined {
  return actionId.startsWith(TOOL_PREFIX) ? actionId.slice(TOOL_PREFIX.length) : undefined;
}

export function effectActionId(effect: ToolEffect): string {
  return EFFECT_PREFIX + effect;
}

export function effectOf(actionId: string): ToolEffect | undefined {
  if (!actionId.startsWith(EFFECT_PREFIX)) return undefined;
  const name = actionId.slice(EFFECT_PREFIX.length);
  return (TOOL_EFFECTS as readonly string[]).includes(name) ? (name as ToolEffect) : undefined;
}

/** A stable text key for an entity uid, as Cedar would print it: `Type::"id"` with the id JSON-escaped. */
export function uidKey(type: string, id: string): string {
  return `${type}::${JSON.stringify(id)}`;
}

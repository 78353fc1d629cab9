/** A tool as an MCP server lists it (`tools/list`): what a model reads before it calls it. */
export interface McpToolDescriptor {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  /** JSON Schema of the arguments; its `description`s are read by the model too. */
  readonly inputSchema?: unknown;
  readonly outputSchema?: unknown;
  readonly annotations?: unknown;
}

const MAX_NODES = 10_000;

/**
 * Every text of a tool the model will read: title, description, and each `title`/`description`
 * inside its schemas (poison often hides in a parameter's description). Bounded walk.
 */
export function modelVisibleTexts(tool: McpToolDescriptor): string[] {
  const texts: string[] = [];
  if (typeof tool.title === 'string') texts.push(tool.title);
  if (typeof tool.description === 'string') texts.push(tool.description);
  let budget = MAX_NODES;
  const walk = (value: unknown, depth: number): void => {
    if (budget-- <= 0 || depth > 32 || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if ((key === 'description' || key === 'title') && typeof child === 'string') texts.push(child);
      else walk(child, depth + 1);
    }
  };
  walk(tool.inputSchema, 0);
  walk(tool.outputSchema, 0);
  return texts;
}

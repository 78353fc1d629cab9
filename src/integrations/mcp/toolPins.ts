import { createHash } from 'node:crypto';
import { canonicalJson } from '../../ledger/index.js';
import type { McpToolDescriptor } from './toolDescriptor.js';

/**
 * The pin of a tool: SHA-256 of the canonical JSON of everything the model reads or relies on
 * (name, title, description, schemas, annotations). A server that changes any of it after the
 * tool was approved ("rug pull") changes the pin.
 */
export function toolPin(tool: McpToolDescriptor): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        name: tool.name,
        title: tool.title ?? null,
        description: tool.description ?? null,
        inputSchema: tool.inputSchema ?? null,
        outputSchema: tool.outputSchema ?? null,
        annotations: tool.annotations ?? null,
      }),
    )
    .digest('hex');
}

export interface PinCheck {
  /** Pinned and unchanged. */
  readonly unchanged: readonly string[];
  /** Pinned, but the server now describes it differently: block it and tell someone. */
  readonly changed: ReadonlyArray<{
    readonly tool: string;
    readonly pinned: string;
    readonly current: string;
  }>;
  /** Listed by the server, never pinned: not usable until someone reviews and pins it. */
  readonly unpinned: ReadonlyArray<{ readonly tool: string; readonly current: string }>;
  /** Pinned, no longer listed. */
  readonly missing: readonly string[];
}

/** Compares what a server lists now with the pins approved earlier. */
export function checkToolPins(
  tools: readonly McpToolDescriptor[],
  pins: Readonly<Record<string, string>>,
): PinCheck {
  const unchanged: string[] = [];
  const changed: Array<{ tool: string; pinned: string; current: string }> = [];
  const unpinned: Array<{ tool: string; current: string }> = [];
  const listed = new Set<string>();
  for (const tool of tools) {
    listed.add(tool.name);
    const current = toolPin(tool);
    const pinned = Object.hasOwn(pins, tool.name) ? pins[tool.name] : undefined;
    if (pinned === undefined) unpinned.push({ tool: tool.name, current });
    else if (pinned === current) unchanged.push(tool.name);
    else changed.push({ tool: tool.name, pinned, current });
  }
  const missing = Object.keys(pins).filter((name) => !listed.has(name));
  return { unchanged, changed, unpinned, missing };
}

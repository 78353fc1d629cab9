import { createHash } from 'node:crypto';
import { MaestroError } from '../errors/index.js';
import type { Tool } from './tool.js';

/** The tools an executor may run: fixed when it is created, looked up by name. */
export interface ToolRegistry {
  readonly tools: readonly Tool[];
  get(name: string): Tool | undefined;
  /** SHA-256 over every tool's name and fingerprint, in name order. */
  readonly fingerprint: string;
}

export const MAX_TOOLS = 1000;

/**
 * Collects tools declared with `defineTool` (imported statically by the composition root) into
 * a frozen registry: there is no way to add, remove or replace a tool once it exists (layer 7,
 * registration hijacking). Duplicate names are refused with ERR_REGISTRY_INVALID.
 */
export function createToolRegistry(tools: readonly Tool[]): ToolRegistry {
  if (!Array.isArray(tools) || tools.length > MAX_TOOLS) {
    throw new MaestroError('ERR_REGISTRY_INVALID', {
      message: `Expected a list of at most ${MAX_TOOLS} tools made with defineTool().`,
    });
  }
  const byName = new Map<string, Tool>();
  for (const [index, tool] of tools.entries()) {
    if (
      typeof tool !== 'object' ||
      tool === null ||
      !Object.isFrozen(tool) ||
      typeof tool.fingerprint !== 'string'
    ) {
      throw new MaestroError('ERR_REGISTRY_INVALID', {
        message: `Tool ${index} was not made with defineTool().`,
        path: [index],
      });
    }
    if (byName.has(tool.name)) {
      throw new MaestroError('ERR_REGISTRY_INVALID', {
        message: `Two tools are named ${tool.name}; tool names must be unique.`,
        path: [index, 'name'],
      });
    }
    byName.set(tool.name, tool);
  }
  const sorted = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const digest = createHash('sha256');
  for (const tool of sorted) digest.update(`${tool.name}\n${tool.fingerprint}\n`);
  const frozen = Object.freeze([...sorted]);
  return Object.freeze({
    tools: frozen,
    get: (name: string) => byName.get(name),
    fingerprint: digest.digest('hex'),
  });
}

import { join } from 'node:path';
import { VERSION } from '../../core/version.js';
import { MaestroError } from '../../errors/index.js';
import { type McpToolDescriptor, scanToolDescriptor, toolPin } from '../../integrations/mcp/index.js';
import { type McpPins, readPins, writePins } from './mcpPins.js';
import type { McpSettings } from './mcpSettings.js';
import { createMcpUpstream } from './mcpUpstream.js';
import { DEFAULT_PINS_FILE } from './openMcp.js';

export type ToolReviewStatus =
  | 'pinned'
  | 'changed'
  | 'unpinned'
  | 'poisoned'
  | 'missing'
  | 'server_unavailable';

/** One allowlisted tool as a reviewer sees it before approving its pin. */
export interface ToolReview {
  readonly server: string;
  readonly tool: string;
  readonly status: ToolReviewStatus;
  readonly current: string | null;
  readonly pinned: string | null;
  readonly signals: readonly string[];
  /** The description the model would read (for the reviewer to read too). */
  readonly description: string | null;
}

export interface McpReview {
  readonly pinsFile: string;
  readonly tools: readonly ToolReview[];
}

/**
 * Lists every configured MCP server's allowlisted tools and compares each with its pin: what a
 * person reviews before approving (`maestro mcp review --approve`). Poisoned descriptions are
 * flagged whatever their pin says.
 */
export async function reviewMcpTools(
  settings: McpSettings,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<McpReview> {
  const pinsFile = settings.pinsFile ?? join(dataDir, DEFAULT_PINS_FILE);
  const pins = readPins(pinsFile);
  const tools: ToolReview[] = [];
  for (const server of settings.servers) {
    const wanted = settings.tools.filter((t) => t.server === server.name);
    if (wanted.length === 0) continue;
    const upstream = createMcpUpstream(server, { env, version: VERSION });
    let listed: McpToolDescriptor[] | undefined;
    try {
      const client = await upstream.client();
      listed = (await client.listTools({}, { timeout: 10_000 })).tools as McpToolDescriptor[];
    } catch {
      listed = undefined;
    } finally {
      await upstream.close();
    }
    for (const t of wanted) {
      const pinned = pins[server.name]?.[t.tool] ?? null;
      const descriptor = listed?.find((d) => d.name === t.tool);
      if (descriptor === undefined) {
        tools.push({
          server: server.name,
          tool: t.tool,
          status: listed === undefined ? 'server_unavailable' : 'missing',
          current: null,
          pinned,
          signals: [],
          description: null,
        });
        continue;
      }
      const current = toolPin(descriptor);
      const poison = scanToolDescriptor(descriptor);
      tools.push({
        server: server.name,
        tool: t.tool,
        status: poison.poisoned
          ? 'poisoned'
          : pinned === null
            ? 'unpinned'
            : pinned === current
              ? 'pinned'
              : 'changed',
        current,
        pinned,
        signals: poison.signals,
        description: descriptor.description ?? null,
      });
    }
  }
  return { pinsFile, tools };
}

/**
 * Pins the reviewed tools named in `selection` (`server.tool`, or `all`) at their current hash.
 * A poisoned, missing or unreachable tool is refused: approving must not launder a poisoned
 * description. Returns the tools pinned.
 */
export function approvePins(review: McpReview, selection: readonly string[]): string[] {
  const all = selection.includes('all');
  const chosen = review.tools.filter((t) => all || selection.includes(`${t.server}.${t.tool}`));
  for (const name of selection) {
    if (name !== 'all' && !review.tools.some((t) => `${t.server}.${t.tool}` === name)) {
      throw new MaestroError('ERR_INVALID_OPTIONS', { message: `${name} is not an allowlisted MCP tool.` });
    }
  }
  const refused = chosen.filter((t) => t.current === null || t.status === 'poisoned');
  if (refused.length > 0 && !all) {
    throw new MaestroError('ERR_INVALID_OPTIONS', {
      message: `Not pinned: ${refused.map((t) => `${t.server}.${t.tool} (${t.status.replace('_', ' ')})`).join(', ')}.`,
    });
  }
  const pins: McpPins = readPins(review.pinsFile);
  const done: string[] = [];
  for (const t of chosen) {
    if (t.current === null || t.status === 'poisoned' || t.status === 'pinned') continue;
    pins[t.server] = { ...(pins[t.server] ?? {}), [t.tool]: t.current };
    done.push(`${t.server}.${t.tool}`);
  }
  if (done.length > 0) writePins(review.pinsFile, pins);
  return done;
}

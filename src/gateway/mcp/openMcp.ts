import { join } from 'node:path';
import { VERSION } from '../../core/version.js';
import type { Executor } from '../../exec/index.js';
import type { Ledger } from '../../ledger/index.js';
import { createMcpCatalog, type McpCatalog } from './mcpCatalog.js';
import { createMcpExecutor } from './mcpExecutor.js';
import { readPins } from './mcpPins.js';
import type { McpSettings } from './mcpSettings.js';
import { createMcpUpstream, type McpUpstream } from './mcpUpstream.js';

export const DEFAULT_PINS_FILE = 'mcp-pins.json';

export interface OpenedMcp {
  readonly catalog: McpCatalog;
  readonly executor: Executor;
  readonly upstreams: ReadonlyMap<string, McpUpstream>;
  close(): Promise<void>;
}

/**
 * Opens the MCP side of the gateway: one lazily connected client per server, the pins, the
 * catalog and the executor. The servers are listed once at start so that poisoned, changed or
 * unpinned tools are reported at once; a server that is down does not stop the gateway.
 */
export async function openMcp(
  settings: McpSettings,
  dataDir: string,
  ledger: Ledger,
  env: NodeJS.ProcessEnv,
): Promise<OpenedMcp> {
  const pinsFile = settings.pinsFile ?? join(dataDir, DEFAULT_PINS_FILE);
  const pins = readPins(pinsFile);
  const upstreams = new Map(
    settings.servers.map((s) => [s.name, createMcpUpstream(s, { env, version: VERSION })]),
  );
  const close = async () => {
    await Promise.all([...upstreams.values()].map((u) => u.close().catch(() => undefined)));
  };
  try {
    const executor = await createMcpExecutor({ settings, upstreams, ledger });
    const catalog = createMcpCatalog({ settings, upstreams, pins, pinsFile, ledger });
    await catalog.refresh();
    return { catalog, executor, upstreams, close };
  } catch (error) {
    await close();
    throw error;
  }
}

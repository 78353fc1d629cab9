import type { z } from 'zod';
import {
  checkToolPins,
  type McpToolDescriptor,
  scanToolDescriptor,
  toolPin,
} from '../../integrations/mcp/index.js';
import type { Ledger, RiskEventInput } from '../../ledger/index.js';
import { BOOTSTRAP_TENANT } from '../auth/bootstrapKey.js';
import { type McpPins, writePins } from './mcpPins.js';
import type { McpSettings, McpToolSettings } from './mcpSettings.js';
import type { McpUpstream } from './mcpUpstream.js';
import { zodFromToolSchema } from './toolSchemas.js';

/** Why an allowlisted tool is not offered. */
export type HiddenReason =
  | 'poisoned'
  | 'rug_pull'
  | 'unpinned'
  | 'bad_schema'
  | 'server_unavailable'
  | 'missing';

export interface ExposedTool {
  /** What MCP clients see and call: `<server>__<tool>` (valid as an OpenAI function name too). */
  readonly exposedName: string;
  readonly server: string;
  readonly tool: string;
  /** The executor's name for it: `<server>.<tool>` in lower case. */
  readonly registryName: string;
  readonly descriptor: McpToolDescriptor;
  readonly input: z.ZodType;
  readonly pin: string;
  readonly settings: McpToolSettings;
}

export interface HiddenTool {
  readonly server: string;
  readonly tool: string;
  readonly reason: HiddenReason;
}

export interface CatalogView {
  readonly exposed: ReadonlyMap<string, ExposedTool>;
  readonly hidden: readonly HiddenTool[];
  /** Tools servers offer that the configuration does not allow (never shown). */
  readonly notAllowlisted: number;
  readonly at: number;
}

export interface McpCatalog {
  /** Lists every server's tools now and judges them. */
  refresh(): Promise<CatalogView>;
  /** The last view if younger than `maxAgeMs`, else a fresh one. */
  current(maxAgeMs: number): Promise<CatalogView>;
}

export const exposedNameOf = (server: string, tool: string) => `${server}__${tool}`;
export const registryNameOf = (server: string, tool: string) => `${server}.${tool}`.toLowerCase();

const MAX_PAGES = 20;

async function listAll(upstream: McpUpstream): Promise<McpToolDescriptor[]> {
  const client = await upstream.client();
  const tools: McpToolDescriptor[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await client.listTools(cursor === undefined ? {} : { cursor }, { timeout: 10_000 });
    tools.push(...(result.tools as McpToolDescriptor[]));
    cursor = result.nextCursor;
    if (cursor === undefined) break;
  }
  return tools;
}

const SEVERITY: Record<HiddenReason, RiskEventInput['severity']> = {
  poisoned: 'high',
  rug_pull: 'high',
  unpinned: 'low',
  bad_schema: 'medium',
  server_unavailable: 'medium',
  missing: 'low',
};

function hiddenEvent(
  hidden: HiddenTool,
  detail: Record<string, string | number | boolean | null | string[]>,
): RiskEventInput {
  return {
    tenantId: BOOTSTRAP_TENANT,
    type: hidden.reason === 'poisoned' ? 'injection' : 'anomaly',
    severity: SEVERITY[hidden.reason],
    lane: 'block',
    detector: `gateway.mcp.${hidden.reason}`,
    refs:
      hidden.reason === 'poisoned'
        ? { layers: [3], controls: ['C7', 'C17'], threats: ['T1'], atlas: ['AML.T0051.001'] }
        : { layers: [3, 7], controls: ['C10', 'C17'], threats: ['T5'] },
    actor: { principal: 'maestro:gateway' },
    preview: `MCP tool ${hidden.server}.${hidden.tool.replace(/[^A-Za-z0-9_.-]/g, '?').slice(0, 40)} withheld: ${hidden.reason}`,
    attributes: { server: hidden.server, tool: hidden.tool.slice(0, 128), reason: hidden.reason, ...detail },
  };
}

/**
 * What the gateway offers of its MCP servers (C7, C17; threat T1 tool poisoning, T5 rug pulls):
 * only allowlisted tools, whose descriptions carry no hidden instructions, match the hash a person
 * pinned, and whose schemas can be checked safely. Anything withheld is reported once per change
 * as a ledger event; `pinOnFirstUse` pins a clean tool the first time it is seen.
 */
export function createMcpCatalog(options: {
  readonly settings: McpSettings;
  readonly upstreams: ReadonlyMap<string, McpUpstream>;
  readonly pins: McpPins;
  readonly pinsFile: string;
  readonly ledger: Ledger;
  readonly clock?: () => number;
}): McpCatalog {
  const { settings, upstreams, ledger } = options;
  const clock = options.clock ?? Date.now;
  const pins: McpPins = structuredClone(options.pins);
  const allow = new Map(settings.tools.map((t) => [`${t.server}\u0000${t.tool}`, t]));
  const reported = new Set<string>();
  let last: CatalogView | undefined;
  let refreshing: Promise<CatalogView> | undefined;

  const report = (
    hidden: HiddenTool,
    key: string,
    detail: Record<string, string | number | boolean | null | string[]> = {},
  ) => {
    const id = `${hidden.server}\u0000${hidden.tool}\u0000${hidden.reason}\u0000${key}`;
    if (reported.has(id)) return;
    reported.add(id);
    ledger.logRiskEvent(hiddenEvent(hidden, detail)).catch(() => undefined);
  };

  const judgeServer = async (
    server: string,
    upstream: McpUpstream,
    exposed: Map<string, ExposedTool>,
    hidden: HiddenTool[],
  ) => {
    const wanted = settings.tools.filter((t) => t.server === server);
    let listed: McpToolDescriptor[];
    try {
      listed = await listAll(upstream);
    } catch {
      for (const t of wanted) {
        const h: HiddenTool = { server, tool: t.tool, reason: 'server_unavailable' };
        hidden.push(h);
        report(h, String(Math.floor(clock() / 60_000)));
      }
      return 0;
    }
    let others = 0;
    const serverPins = pins[server] ?? {};
    const check = checkToolPins(
      listed.filter((t) => allow.has(`${server}\u0000${t.name}`)),
      serverPins,
    );
    const changed = new Map(check.changed.map((c) => [c.tool, c]));
    const unpinned = new Map(check.unpinned.map((c) => [c.tool, c]));
    let pinsChanged = false;
    for (const descriptor of listed) {
      const toolSettings = allow.get(`${server}\u0000${descriptor.name}`);
      if (toolSettings === undefined) {
        others++;
        continue;
      }
      const pin = toolPin(descriptor);
      const poison = scanToolDescriptor(descriptor);
      if (poison.poisoned) {
        const h: HiddenTool = { server, tool: descriptor.name, reason: 'poisoned' };
        hidden.push(h);
        report(h, pin, { signals: [...poison.signals], score: Number(poison.score.toFixed(3)) });
        continue;
      }
      const drift = changed.get(descriptor.name);
      if (drift !== undefined) {
        const h: HiddenTool = { server, tool: descriptor.name, reason: 'rug_pull' };
        hidden.push(h);
        report(h, pin, { pinned: drift.pinned, current: drift.current });
        continue;
      }
      if (unpinned.has(descriptor.name)) {
        if (!settings.pinOnFirstUse) {
          const h: HiddenTool = { server, tool: descriptor.name, reason: 'unpinned' };
          hidden.push(h);
          report(h, pin, { current: pin });
          continue;
        }
        pins[server] = { ...(pins[server] ?? {}), [descriptor.name]: pin };
        pinsChanged = true;
      }
      let input: z.ZodType;
      try {
        input = zodFromToolSchema(descriptor.inputSchema ?? { type: 'object' });
      } catch {
        const h: HiddenTool = { server, tool: descriptor.name, reason: 'bad_schema' };
        hidden.push(h);
        report(h, pin);
        continue;
      }
      exposed.set(exposedNameOf(server, descriptor.name), {
        exposedName: exposedNameOf(server, descriptor.name),
        server,
        tool: descriptor.name,
        registryName: registryNameOf(server, descriptor.name),
        descriptor,
        input,
        pin,
        settings: toolSettings,
      });
    }
    for (const t of wanted) {
      if (!listed.some((d) => d.name === t.tool)) hidden.push({ server, tool: t.tool, reason: 'missing' });
    }
    if (pinsChanged) {
      writePins(options.pinsFile, pins);
      ledger
        .logRiskEvent({
          tenantId: BOOTSTRAP_TENANT,
          type: 'config_changed',
          severity: 'info',
          detector: 'gateway.mcp.pins',
          refs: { layers: [3, 7], controls: ['C10'], threats: ['T5'] },
          actor: { principal: 'maestro:gateway' },
          preview: `MCP tools of ${server} pinned on first use`,
          attributes: { server, tools: Object.keys(pins[server] ?? {}).slice(0, 64) },
        })
        .catch(() => undefined);
    }
    return others;
  };

  const refresh = async (): Promise<CatalogView> => {
    const exposed = new Map<string, ExposedTool>();
    const hidden: HiddenTool[] = [];
    const counts = await Promise.all(
      [...upstreams.entries()].map(([name, upstream]) => judgeServer(name, upstream, exposed, hidden)),
    );
    last = { exposed, hidden, notAllowlisted: counts.reduce((a, b) => a + b, 0), at: clock() };
    return last;
  };

  return {
    refresh() {
      refreshing ??= refresh().finally(() => {
        refreshing = undefined;
      });
      return refreshing;
    },
    current(maxAgeMs) {
      if (last !== undefined && clock() - last.at <= maxAgeMs) return Promise.resolve(last);
      return this.refresh();
    },
  };
}

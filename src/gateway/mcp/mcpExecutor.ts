import { z } from 'zod';
import { createExecutor, createToolRegistry, defineTool, type Executor } from '../../exec/index.js';
import type { Ledger } from '../../ledger/index.js';
import { createPolicyEngine, loadPolicyEngine, type PolicyEngine } from '../../policy/index.js';
import { registryNameOf } from './mcpCatalog.js';
import type { McpSettings } from './mcpSettings.js';
import type { McpUpstream } from './mcpUpstream.js';

/** What an MCP tool returns (`CallToolResult`); kept loose, the result guard reads the content. */
export const callToolResultSchema = z.looseObject({
  content: z
    .array(z.looseObject({ type: z.string().max(64) }))
    .max(10_000)
    .default([]),
  structuredContent: z.record(z.string(), z.unknown()).optional(),
  isError: z.boolean().optional(),
});
export type CallToolResult = z.output<typeof callToolResultSchema>;

/**
 * The Cedar policy set for the MCP tools when the configuration brings none: each tool declared
 * in its effect group, and one permit for principals acting in their own tenant. The allowlist
 * is the policy; lanes come from the effects (destructive and financial ask a person) and each
 * tool's `lane`.
 */
export function defaultMcpPolicy(settings: McpSettings): PolicyEngine {
  const actions = settings.tools
    .map(
      (t) =>
        `  action "tool:${registryNameOf(t.server, t.tool)}" in [Action::"effect:${t.effect}"] appliesTo {\n    principal: [Agent, User], resource: [Tool], context: Context,\n  };`,
    )
    .join('\n');
  return createPolicyEngine({
    schema: `namespace Maestro {\n${actions}\n}`,
    policies: `@id("mcp-own-tenant")\npermit (principal, action, resource)\nwhen { principal.tenant == context.tenant };\n`,
  });
}

/**
 * The executor every MCP call goes through (schema, policy, lane, approval, signed receipt,
 * timeout, retries for idempotent tools, circuit breaker per server). Arguments are checked
 * against the tool's pinned schema before they get here; the registry's own input is an object.
 */
export async function createMcpExecutor(options: {
  readonly settings: McpSettings;
  readonly upstreams: ReadonlyMap<string, McpUpstream>;
  readonly ledger: Ledger;
}): Promise<Executor> {
  const { settings, upstreams } = options;
  const tools = settings.tools.map((t) =>
    defineTool({
      name: registryNameOf(t.server, t.tool),
      description: `MCP tool ${t.tool} of server ${t.server}`,
      input: z.record(z.string(), z.unknown()),
      output: callToolResultSchema,
      effect: t.effect,
      timeoutMs: t.timeoutMs,
      idempotent: t.idempotent,
      ...(t.idempotent ? { retry: { maxAttempts: 2, initialDelayMs: 200, maxDelayMs: 1_000 } } : {}),
      integration: `mcp.${t.server}`,
      ...(t.lane === undefined ? {} : { lane: t.lane }),
      run: async (args, context) => {
        const upstream = upstreams.get(t.server);
        if (upstream === undefined) throw new Error(`no MCP server ${t.server}`);
        const client = await upstream.client();
        const result = await client.callTool({ name: t.tool, arguments: args }, undefined, {
          signal: context.signal,
          timeout: t.timeoutMs,
        });
        return callToolResultSchema.parse(result);
      },
    }),
  );
  const policy =
    settings.policyDir === undefined
      ? defaultMcpPolicy(settings)
      : loadPolicyEngine({ dir: settings.policyDir });
  return createExecutor({ registry: createToolRegistry(tools), policy, ledger: options.ledger });
}

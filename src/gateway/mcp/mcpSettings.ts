import { z } from 'zod';
import { TOOL_EFFECTS } from '../../policy/index.js';

const serverName = z
  .string()
  .regex(
    /^[a-z][a-z0-9_-]{0,31}$/,
    'expected a lower-case name of at most 32 characters (a-z, 0-9, _ and -)',
  );
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]{0,127}$/, 'expected an environment variable name');

/** An MCP server the gateway fronts: a local process over stdio, or a remote Streamable HTTP endpoint. */
export const mcpServerSchema = z.discriminatedUnion('transport', [
  z.strictObject({
    name: serverName,
    transport: z.literal('stdio'),
    command: z.string().min(1).max(4096),
    args: z.array(z.string().max(4096)).max(256).default([]),
    cwd: z.string().min(1).optional(),
    /** Names of environment variables passed through to the server (its secrets stay in the environment). */
    envFrom: z.array(envName).max(64).default([]),
  }),
  z.strictObject({
    name: serverName,
    transport: z.literal('http'),
    url: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//.test(u), 'expected an http or https URL'),
    /** Environment variable holding a bearer token for the server. */
    bearerTokenEnv: envName.optional(),
  }),
]);

/** One allowlisted tool: what it does, so the executor can put it in the right lane. */
export const mcpToolSchema = z.strictObject({
  server: serverName,
  tool: z.string().regex(/^[A-Za-z0-9_.-]{1,56}$/, 'expected an MCP tool name (letters, digits, _ . -)'),
  effect: z.enum(TOOL_EFFECTS),
  /** A stricter lane than the effect's default. */
  lane: z.enum(['auto', 'confirm', 'block']).optional(),
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  /** Call again after a failure: only for tools that are safe to repeat. */
  idempotent: z.boolean().default(false),
});

export const mcpSettingsSchema = z
  .strictObject({
    servers: z.array(mcpServerSchema).min(1).max(64),
    /** The only tools listed and callable; anything a server offers besides these is hidden. */
    tools: z.array(mcpToolSchema).max(1024).default([]),
    /**
     * Tool descriptions approved by hash (`maestro mcp pin`): a description that differs from
     * its pin is a rug pull and the tool is withheld. Default `<data dir>/mcp-pins.json`.
     */
    pinsFile: z.string().min(1).optional(),
    /** Pin tools seen for the first time (trust on first use); off by default. */
    pinOnFirstUse: z.boolean().default(false),
    /** A Cedar policy set for the MCP tools (`tool:<server>.<tool>`); default: the allowlist, lanes by effect. */
    policyDir: z.string().min(1).optional(),
  })
  .superRefine((mcp, ctx) => {
    const names = new Set(mcp.servers.map((s) => s.name));
    if (names.size !== mcp.servers.length)
      ctx.addIssue({ code: 'custom', path: ['servers'], message: 'server names must be unique' });
    mcp.tools.forEach((t, i) => {
      if (!names.has(t.server))
        ctx.addIssue({
          code: 'custom',
          path: ['tools', i, 'server'],
          message: `no server named ${t.server}`,
        });
    });
  });

export type McpSettings = z.output<typeof mcpSettingsSchema>;
export type McpServerSettings = z.output<typeof mcpServerSchema>;
export type McpToolSettings = z.output<typeof mcpToolSchema>;

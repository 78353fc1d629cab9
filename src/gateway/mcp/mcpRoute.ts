import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { toSafeError } from '../../errors/index.js';
import type { Executor } from '../../exec/index.js';
import type { Ledger } from '../../ledger/index.js';
import type { RequestIdentity } from '../auth/authenticate.js';
import { requireRole } from '../auth/authenticate.js';
import { identityOf } from '../requestState.js';
import { guardToolResult } from './guardToolResult.js';
import type { McpCatalog } from './mcpCatalog.js';
import type { CallToolResult } from './mcpExecutor.js';
import { describeIssues } from './toolSchemas.js';

export interface McpRouteDeps {
  readonly catalog: McpCatalog;
  readonly executor: Executor;
  readonly ledger: Ledger;
  readonly version: string;
  readonly scanMaxBytes: number;
  /** How old a catalog a call may rely on: a rug pull is seen within this long even without a new list. */
  readonly callMaxAgeMs?: number;
}

const notice = (text: string): CallToolResult => ({
  content: [{ type: 'text', text: `maestro: ${text}` }],
  isError: true,
});

async function callTool(
  deps: McpRouteDeps,
  identity: RequestIdentity,
  traceId: string,
  name: string,
  args: Record<string, unknown> | undefined,
  signal: AbortSignal,
): Promise<CallToolResult> {
  const view = await deps.catalog.current(deps.callMaxAgeMs ?? 5_000);
  const tool = view.exposed.get(name);
  if (tool === undefined) {
    const hidden = view.hidden.find((h) => `${h.server}__${h.tool}` === name);
    if (hidden !== undefined)
      return notice(`the tool ${name} is withheld (${hidden.reason.replace('_', ' ')}).`);
    throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name.slice(0, 128)}`);
  }
  const parsed = tool.input.safeParse(args ?? {});
  if (!parsed.success) return notice(`ERR_TOOL_INVALID_ARGS: ${describeIssues(parsed.error)}`);
  const outcome = await deps.executor.propose(
    { tool: tool.registryName, args: parsed.data as Record<string, unknown> },
    { tenantId: identity.tenantId, principal: { id: identity.principal, kind: 'agent' }, traceId, signal },
  );
  switch (outcome.status) {
    case 'succeeded': {
      const guarded = guardToolResult(outcome.result as CallToolResult, {
        ledger: deps.ledger,
        tenantId: identity.tenantId,
        principal: identity.principal,
        traceId,
        tool: name,
        maxBytes: deps.scanMaxBytes,
      });
      return guarded.result;
    }
    case 'pending_approval':
      return notice(
        `this call needs a person's approval (approval ${outcome.approval.id}). Once an approver has approved it, call the tool again with the same arguments.`,
      );
    default:
      return notice(`${outcome.error.code}: ${outcome.error.message}`);
  }
}

/**
 * The guarded MCP endpoint (Streamable HTTP, stateless, JSON responses) at `/mcp`: clients see
 * only the catalog's tools, and every call goes through the pinned schema, the executor (policy,
 * lane, approval, receipt) and the result guard. One MCP server object per request, bound to the
 * caller's identity, so no state is shared between tenants.
 */
export function registerMcpRoute(app: FastifyInstance, deps: McpRouteDeps): void {
  app.post('/mcp', async (request, reply) => {
    const identity = identityOf(request);
    requireRole(identity, ['admin', 'agent']);
    const server = new Server(
      { name: 'maestro-gateway', version: deps.version },
      { capabilities: { tools: {} } },
    );
    server.setRequestHandler(ListToolsRequestSchema, async () => {
      const view = await deps.catalog.refresh();
      return {
        tools: [...view.exposed.values()].map((t) => ({
          ...t.descriptor,
          name: t.exposedName,
          inputSchema: (t.descriptor.inputSchema ?? { type: 'object' }) as { type: 'object' },
        })),
      };
    });
    server.setRequestHandler(CallToolRequestSchema, async (call, extra) => {
      try {
        return await callTool(
          deps,
          identity,
          request.traceId,
          call.params.name,
          call.params.arguments,
          extra.signal,
        );
      } catch (error) {
        if (error instanceof McpError) throw error;
        const safe = toSafeError(error);
        return notice(`${safe.code}: ${safe.message}`);
      }
    });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    reply.hijack();
    reply.raw.setHeader('x-maestro-trace-id', request.traceId);
    reply.raw.setHeader('x-content-type-options', 'nosniff');
    reply.raw.setHeader('cache-control', 'no-store');
    reply.raw.on('close', () => {
      void transport.close().catch(() => undefined);
      void server.close().catch(() => undefined);
    });
    await transport.handleRequest(request.raw, reply.raw, request.body);
  });

  // Stateless: there is no session stream to open or end.
  const notAllowed = async (_request: unknown, reply: FastifyReply) =>
    reply
      .code(405)
      .header('allow', 'POST')
      .send({
        jsonrpc: '2.0',
        error: { code: -32000, message: 'Method not allowed: this endpoint is stateless, use POST.' },
        id: null,
      });
  app.get('/mcp', notAllowed);
  app.delete('/mcp', notAllowed);
}

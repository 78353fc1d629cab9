/**
 * A real MCP server over stdio (the MCP SDK's McpServer), started by the gateway's stdio tests as
 * `node --import tsx stdioMcpServer.ts`. `env_probe` says which of two variables it can see, so a
 * test can check that only the configured ones are passed through.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'stdio-tools', version: '1.0.0' });
server.registerTool(
  'lookup_order',
  { description: 'Looks up an order by id.', inputSchema: { id: z.string() } },
  async ({ id }) => ({
    content: [{ type: 'text', text: `Order ${id}: shipped.` }],
  }),
);
server.registerTool(
  'env_probe',
  { description: 'Reports which variables it sees.', inputSchema: {} },
  async () => ({
    content: [
      {
        type: 'text',
        text: `passed=${process.env.MCP_PASSED_TOKEN === undefined ? 'no' : 'yes'} other=${process.env.MCP_OTHER_SECRET === undefined ? 'no' : 'yes'}`,
      },
    ],
  }),
);
await server.connect(new StdioServerTransport());

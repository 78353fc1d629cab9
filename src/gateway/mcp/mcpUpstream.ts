import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { MaestroError } from '../../errors/index.js';
import type { McpServerSettings } from './mcpSettings.js';
import { linearSchemaValidator } from './toolSchemas.js';

/** One MCP server the gateway fronts, connected on first use and again after it drops. */
export interface McpUpstream {
  readonly name: string;
  client(): Promise<Client>;
  close(): Promise<void>;
}

/** After a failed connect, callers get the failure at once for this long instead of a new attempt each. */
const RECONNECT_PAUSE_MS = 1_000;

function transportFor(server: McpServerSettings, env: NodeJS.ProcessEnv): Transport {
  if (server.transport === 'stdio') {
    const passed: Record<string, string> = {};
    for (const name of server.envFrom) {
      const value = env[name];
      if (value !== undefined) passed[name] = value;
    }
    return new StdioClientTransport({
      command: server.command,
      args: [...server.args],
      env: { ...getDefaultEnvironment(), ...passed },
      stderr: 'ignore',
      ...(server.cwd === undefined ? {} : { cwd: server.cwd }),
    });
  }
  const token = server.bearerTokenEnv === undefined ? undefined : env[server.bearerTokenEnv];
  return new StreamableHTTPClientTransport(new URL(server.url), {
    requestInit: {
      redirect: 'error',
      ...(token === undefined || token === '' ? {} : { headers: { authorization: `Bearer ${token}` } }),
    },
  });
}

export function createMcpUpstream(
  server: McpServerSettings,
  options: { env: NodeJS.ProcessEnv; version: string; connectTimeoutMs?: number },
): McpUpstream {
  let connecting: Promise<Client> | undefined;
  let failedAt = 0;
  let closed = false;
  const connect = async (): Promise<Client> => {
    const client = new Client(
      { name: 'maestro-gateway', version: options.version },
      { capabilities: {}, jsonSchemaValidator: linearSchemaValidator },
    );
    client.onclose = () => {
      connecting = undefined;
    };
    try {
      await client.connect(transportFor(server, options.env), {
        timeout: options.connectTimeoutMs ?? 10_000,
      });
      return client;
    } catch (error) {
      failedAt = Date.now();
      await client.close().catch(() => undefined);
      throw new MaestroError('ERR_UPSTREAM_UNAVAILABLE', {
        message: `The MCP server ${server.name} could not be reached.`,
        cause: error,
      });
    }
  };
  return {
    name: server.name,
    client() {
      if (closed)
        return Promise.reject(
          new MaestroError('ERR_UPSTREAM_UNAVAILABLE', { message: 'The gateway is closing.' }),
        );
      if (connecting === undefined) {
        if (Date.now() - failedAt < RECONNECT_PAUSE_MS) {
          return Promise.reject(
            new MaestroError('ERR_UPSTREAM_UNAVAILABLE', {
              message: `The MCP server ${server.name} could not be reached.`,
            }),
          );
        }
        const attempt = connect();
        connecting = attempt;
        attempt.catch(() => {
          if (connecting === attempt) connecting = undefined;
        });
      }
      return connecting;
    },
    async close() {
      closed = true;
      const pending = connecting;
      connecting = undefined;
      if (pending !== undefined) await (await pending.catch(() => undefined))?.close().catch(() => undefined);
    },
  };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake upstream saw of one request. */
export interface SeenRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Record<string, unknown>;
}

export type Reply =
  | { kind: 'json'; status?: number; body: unknown }
  | { kind: 'stream'; events: readonly unknown[]; done?: boolean; delayMs?: number }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'hang' };

export interface FakeOpenAi {
  readonly url: string;
  readonly seen: SeenRequest[];
  /** The next replies, in order; when empty, `fallback` answers. */
  readonly queue: Reply[];
  fallback: Reply;
  /** Refuse connections (closed port) until `start` again. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A completion in the OpenAI wire format. */
export function completion(
  content: string | null,
  toolCalls?: ReadonlyArray<{ name: string; arguments: string }>,
) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-test',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          ...(toolCalls === undefined
            ? {}
            : {
                tool_calls: toolCalls.map((c, i) => ({
                  id: `call_${i}`,
                  type: 'function',
                  function: { name: c.name, arguments: c.arguments },
                })),
              }),
        },
        finish_reason: toolCalls === undefined ? 'stop' : 'tool_calls',
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

const chunkBase = {
  id: 'chatcmpl-test',
  object: 'chat.completion.chunk',
  created: 1_700_000_000,
  model: 'gpt-test',
};

/** Stream events that spell `text` in the given pieces, then finish. */
export function textChunks(pieces: readonly string[]): unknown[] {
  return [
    { ...chunkBase, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    ...pieces.map((content) => ({
      ...chunkBase,
      choices: [{ index: 0, delta: { content }, finish_reason: null }],
    })),
    { ...chunkBase, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
  ];
}

/** Stream events for tool calls, each call's arguments split in two. */
export function toolCallChunks(calls: ReadonlyArray<{ name: string; arguments: string }>): unknown[] {
  const parts = calls.flatMap((c, i) => {
    const half = Math.floor(c.arguments.length / 2);
    return [
      {
        index: i,
        id: `call_${i}`,
        type: 'function',
        function: { name: c.name, arguments: c.arguments.slice(0, half) },
      },
      { index: i, function: { arguments: c.arguments.slice(half) } },
    ];
  });
  return [
    {
      ...chunkBase,
      choices: [{ index: 0, delta: { role: 'assistant', content: null }, finish_reason: null }],
    },
    ...parts.map((part) => ({
      ...chunkBase,
      choices: [{ index: 0, delta: { tool_calls: [part] }, finish_reason: null }],
    })),
    { ...chunkBase, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
  ];
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

async function answer(reply: Reply, response: ServerResponse): Promise<void> {
  switch (reply.kind) {
    case 'json':
      response.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply.body));
      return;
    case 'status':
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(reply.body ?? '');
      return;
    case 'hang':
      return; // never answers
    case 'stream': {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const event of reply.events) {
        response.write(`data: ${JSON.stringify(event)}\n\n`);
        if (reply.delayMs !== undefined) await new Promise((r) => setTimeout(r, reply.delayMs));
      }
      if (reply.done !== false) response.write('data: [DONE]\n\n');
      response.end();
      return;
    }
  }
}

/**
 * A local server that speaks the OpenAI chat completions wire format (whole and streamed), for
 * the gateway's proxy tests and benchmarks. Replies are queued by the test.
 */
export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const seen: SeenRequest[] = [];
  const queue: Reply[] = [];
  let server: Server | undefined;
  let port = 0;
  const fake: FakeOpenAi = {
    url: '',
    seen,
    queue,
    fallback: { kind: 'json', body: completion('Hello from the upstream.') },
    async start() {
      server = createServer((request, response) => {
        void (async () => {
          const body = await readJson(request);
          seen.push({ path: request.url ?? '', headers: request.headers, body });
          await answer(queue.shift() ?? fake.fallback, response);
        })().catch(() => response.destroy());
      });
      server.keepAliveTimeout = 1000;
      await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
      (fake as { url: string }).url = `http://127.0.0.1:${port}/v1`;
    },
    async stop() {
      const s = server;
      server = undefined;
      if (s === undefined) return;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    close: () => fake.stop(),
  };
  await fake.start();
  return fake;
}

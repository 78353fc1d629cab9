/**
 * A lean OpenAI-format upstream for the load benchmark, run as its own process (`tsx
 * bench/gateway/fakeUpstream.ts`): a fixed completion, whole or as 16 stream events. It keeps
 * nothing per request, so memory and time stay flat however long it runs. Prints its port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const TEXT =
  'The three largest cost increases were cloud hosting (up 18 %), contractor fees (up 11 %) and travel (up 9 %). ';
const completion = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-bench',
  choices: [{ index: 0, message: { role: 'assistant', content: TEXT.repeat(3) }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 256, completion_tokens: 90, total_tokens: 346 },
});
const base = {
  id: 'chatcmpl-bench',
  object: 'chat.completion.chunk',
  created: 1_700_000_000,
  model: 'gpt-bench',
};
const words = TEXT.repeat(3).match(/.{1,22}/gs) ?? [];
const stream = [
  { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
  ...words
    .slice(0, 14)
    .map((content) => ({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] })),
  { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
]
  .map((event) => `data: ${JSON.stringify(event)}\n\n`)
  .join('')
  .concat('data: [DONE]\n\n');

const server = createServer((request, response) => {
  const parts: Buffer[] = [];
  request.on('data', (part: Buffer) => parts.push(part));
  request.on('end', () => {
    const streaming = Buffer.concat(parts).includes('"stream":true');
    if (streaming) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      response.end(stream);
    } else {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(completion);
    }
  });
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`upstream listening on ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

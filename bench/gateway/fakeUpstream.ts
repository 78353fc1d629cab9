/**
 * A lean OpenAI-format upstream for the load benchmark, run as its own process (`tsx
 * bench/gateway/fakeUpstream.ts`): a fixed completion, whole or as 16 stream events. It keeps
 * nothing per request, so memory and time stay flat however long it runs. Prints its port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { completion, textChunks } from '../../src/gateway/proxy/testing/fakeOpenAi.js';

const TEXT =
  'The three largest cost increases were cloud hosting (up 18 %), contractor fees (up 11 %) and travel (up 9 %). '.repeat(
    3,
  );
// The same wire format as the proxy tests' fake, serialised once.
const completionBody = JSON.stringify(completion(TEXT));
const stream = textChunks((TEXT.match(/.{1,22}/gs) ?? []).slice(0, 14))
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
      response.end(completionBody);
    }
  });
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`upstream listening on ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

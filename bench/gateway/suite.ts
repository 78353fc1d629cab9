import type { Suite, SuiteOptions, SuiteReport } from '../lib/report.js';
import { startGatewayProcess } from './gatewayProcess.js';
import { type LoadResult, load } from './load.js';
import { proxyLoadSections } from './proxyLoad.js';

const TITLE = 'gateway — maestro serve under load (POST /v1/scan, POST /v1/chat/completions)';

/** A 1 KiB user prompt, benign: the path every request takes when nothing is wrong. */
function prompt(): string {
  const sentence = 'Please summarise the quarterly report and list the three largest cost increases. ';
  return sentence.repeat(Math.ceil(1024 / sentence.length)).slice(0, 1024);
}

async function run({ quick, onSection, log }: SuiteOptions): Promise<SuiteReport> {
  const seconds = quick ? 5 : 15;
  log('starting the gateway in a child process…');
  const gateway = await startGatewayProcess();
  const rows: LoadResult[] = [];
  try {
    const common = {
      url: `${gateway.url}/v1/scan`,
      headers: { authorization: `Bearer ${gateway.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: prompt() }),
      seconds,
    };
    log('warm-up…');
    await load({ ...common, label: 'warm-up', rate: 0, connections: 10, seconds: quick ? 2 : 5 });
    for (const rate of [500, 1000]) {
      log(`${rate} requests/s…`);
      rows.push(
        await load({ ...common, label: `${rate} requests/s (10 connections)`, rate, connections: 10 }),
      );
    }
    log('maximum…');
    rows.push(await load({ ...common, label: 'maximum (50 connections)', rate: 0, connections: 50 }));
  } finally {
    await gateway.stop();
  }
  const section = {
    title: 'POST /v1/scan through the gateway, 1 KiB prompts',
    description:
      'autocannon in this process, the gateway (`maestro serve`, embedded store, every check on: API key, rate limits, body validation, securityScan, metrics) in a child process. Both share the 2 cores.',
    table: {
      columns: [
        { header: 'load' },
        { header: 'achieved req/s', align: 'right' as const },
        { header: 'p50', align: 'right' as const },
        { header: 'p99', align: 'right' as const },
        { header: 'errors', align: 'right' as const },
        { header: 'non-2xx', align: 'right' as const },
      ],
      rows: rows.map((r) => [
        r.label,
        r.achieved.toFixed(0),
        `${r.p50Ms} ms`,
        `${r.p99Ms} ms`,
        String(r.errors),
        String(r.non2xx),
      ]),
    },
    notes: [
      `${seconds} s per row; autocannon reports latency in whole milliseconds. It paces a fixed rate per connection, so each connection sends its share in step with the others: the fewer connections, the smaller those bursts.`,
      'This is the gateway’s own cost on its cheapest checked route; the proxy sections below compare with a direct upstream call.',
    ],
  };
  onSection(section);
  const proxy = await proxyLoadSections({ quick, log });
  for (const s of proxy) onSection(s);
  return { id: 'gateway', title: TITLE, sections: [section, ...proxy] };
}

export const gatewaySuite: Suite = { id: 'gateway', title: TITLE, run };

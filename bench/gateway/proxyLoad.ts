import type { Section, SuiteOptions } from '../lib/report.js';
import { atLeast, atMost } from '../lib/verdict.js';
import { startGatewayProcess } from './gatewayProcess.js';
import { load } from './load.js';
import { paced } from './paced.js';
import { startUpstreamProcess } from './upstreamProcess.js';

/** A benign 1 KiB user prompt. */
function prompt(): string {
  const sentence = 'Please summarise the quarterly report and list the three largest cost increases. ';
  return sentence.repeat(Math.ceil(1024 / sentence.length)).slice(0, 1024);
}

const ms = (v: number) => `${v.toFixed(2)} ms`;

/**
 * The proxy benchmark: the same fake upstream called directly and through the gateway
 * (`POST /v1/chat/completions`, every check on), whole and streamed, at 500 and 1,000 requests/s
 * (added latency, microsecond timing) and flat out (throughput ratio).
 */
export async function proxyLoadSections({
  quick,
  log,
}: Pick<SuiteOptions, 'quick' | 'log'>): Promise<Section[]> {
  const seconds = quick ? 4 : 15;
  log('starting the fake upstream and the gateway (child processes)…');
  const upstream = await startUpstreamProcess();
  const gateway = await startGatewayProcess({ MAESTRO_UPSTREAM_URL: upstream.url });
  const latencyRows: string[][] = [];
  const throughputRows: string[][] = [];
  try {
    for (const stream of [false, true]) {
      const body = JSON.stringify({
        model: 'gpt-bench',
        messages: [{ role: 'user', content: prompt() }],
        stream,
      });
      const json = { 'content-type': 'application/json' };
      const direct = { url: `${upstream.url}/chat/completions`, headers: json, body };
      const via = {
        url: `${gateway.url}/v1/chat/completions`,
        headers: { ...json, authorization: `Bearer ${gateway.key}` },
        body,
      };
      const mode = stream ? 'streamed' : 'whole';
      log(`${mode}: warm-up…`);
      await paced({ ...via, rate: 300, seconds: quick ? 2 : 5 });
      await paced({ ...direct, rate: 300, seconds: 1 });
      for (const rate of [500, 1000]) {
        log(`${mode}: ${rate} requests/s, direct then through the gateway…`);
        const d = await paced({ ...direct, rate, seconds });
        const g = await paced({ ...via, rate, seconds });
        const addedP50 = g.p50Ms - d.p50Ms;
        const addedP99 = g.p99Ms - d.p99Ms;
        latencyRows.push([
          mode,
          String(rate),
          `${ms(d.p50Ms)} / ${ms(d.p99Ms)}`,
          `${ms(g.p50Ms)} / ${ms(g.p99Ms)}`,
          ms(addedP50),
          ms(addedP99),
          String(d.failed + g.failed),
          rate === 1000 ? `${atMost(addedP50, 1)} / ${atMost(addedP99, 5)}` : '',
        ]);
      }
      log(`${mode}: maximum throughput, direct then through the gateway…`);
      const maxDirect = await load({ ...direct, label: 'direct', rate: 0, connections: 50, seconds });
      const maxVia = await load({ ...via, label: 'gateway', rate: 0, connections: 50, seconds });
      const share = maxVia.achieved / maxDirect.achieved;
      throughputRows.push([
        mode,
        maxDirect.achieved.toFixed(0),
        maxVia.achieved.toFixed(0),
        `${(share * 100).toFixed(0)} %`,
        String(maxDirect.errors + maxDirect.non2xx + maxVia.errors + maxVia.non2xx),
        atLeast(share, 0.4),
      ]);
    }
  } finally {
    await gateway.stop();
    await upstream.stop();
  }
  const setup =
    'The load generator (this process), the gateway (`maestro serve`, embedded store, every check on: API key, rate limits, body validation, securityScan of every message, sanitizing, output guard, tool-call policy, metrics) and a fake OpenAI-format upstream each run in their own process, on the same 2 cores.';
  return [
    {
      title: 'POST /v1/chat/completions: added latency, 1 KiB prompts',
      description: `${setup} Open-loop load at a fixed rate; latency from each request's scheduled time to its last byte.`,
      table: {
        columns: [
          { header: 'response' },
          { header: 'req/s', align: 'right' },
          { header: 'direct p50 / p99', align: 'right' },
          { header: 'gateway p50 / p99', align: 'right' },
          { header: 'added p50', align: 'right' },
          { header: 'added p99', align: 'right' },
          { header: 'failed', align: 'right' },
          { header: 'target ≤ 1 / ≤ 5 ms' },
        ],
        rows: latencyRows,
      },
      notes: [
        `${seconds} s per row and path. The streamed response is 16 events; its latency is to the end of the stream.`,
      ],
    },
    {
      title: 'POST /v1/chat/completions: maximum throughput, direct and through the gateway',
      description: `${setup} autocannon, 50 connections, as fast as it goes.`,
      table: {
        columns: [
          { header: 'response' },
          { header: 'direct req/s', align: 'right' },
          { header: 'gateway req/s', align: 'right' },
          { header: 'gateway / direct', align: 'right' },
          { header: 'errors', align: 'right' },
          { header: 'target ≥ 40 %' },
        ],
        rows: throughputRows,
      },
      notes: [
        'The direct path is the fake upstream alone, which does almost nothing per request: the share is a lower bound on what a real LLM API (milliseconds to seconds per request) would show.',
      ],
    },
  ];
}

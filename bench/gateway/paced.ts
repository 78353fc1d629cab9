import { Pool } from 'undici';
import { percentile } from '../lib/stats.js';

export interface PacedResult {
  readonly sent: number;
  readonly failed: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * An open-loop load at a fixed rate with microsecond timing: requests leave on schedule whether
 * or not earlier ones have answered, and each latency is measured from its scheduled time (so a
 * stall shows up in the tail instead of slowing the schedule down). The whole body is read.
 */
export async function paced(options: {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly rate: number;
  readonly seconds: number;
  readonly connections?: number;
}): Promise<PacedResult> {
  const url = new URL(options.url);
  const pool = new Pool(url.origin, { connections: options.connections ?? 64, pipelining: 1 });
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  let failed = 0;
  const inflight: Promise<void>[] = [];
  const start = performance.now();
  const one = async (due: number) => {
    try {
      const response = await pool.request({
        method: 'POST',
        path: url.pathname,
        headers: options.headers,
        body: options.body,
      });
      await response.body.text();
      if (response.statusCode !== 200) failed++;
      else latencies.push(performance.now() - due);
    } catch {
      failed++;
    }
  };
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    const dueCount = Math.min(total, Math.floor(((now - start) * options.rate) / 1000) + 1);
    while (sent < dueCount) {
      inflight.push(one(start + (sent * 1000) / options.rate));
      sent++;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inflight);
  await pool.close();
  latencies.sort((a, b) => a - b);
  return { sent, failed, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
}

import { percentile } from '../lib/stats.js';

/** Per-call timings: CPU time of this process (µs, what the call cost) and wall time (ns, what a caller waited). */
export interface Timings {
  readonly cpuUs: number[];
  readonly wallNs: number[];
}

/** Written after every call so that no call can be optimised away. */
let sink: unknown;

export function lastResult(): unknown {
  return sink;
}

/**
 * Times `count` calls one by one. CPU time (`process.cpuUsage`, µs resolution, about 1 µs of
 * its own per call) is the figure to read on a shared machine: time the process spent waiting
 * for a core does not count. Wall time is reported next to it.
 */
export function timeCalls(fn: (i: number) => unknown, count: number): Timings {
  const cpuUs: number[] = [];
  const wallNs: number[] = [];
  for (let i = 0; i < count; i++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    sink = fn(i);
    const wall = process.hrtime.bigint() - start;
    const used = process.cpuUsage(cpu);
    cpuUs.push(used.user + used.system);
    wallNs.push(Number(wall));
  }
  return { cpuUs, wallNs };
}

export function warm(fn: (i: number) => unknown, count: number): void {
  for (let i = 0; i < count; i++) sink = fn(i);
}

/** p50, p99 and mean of one run's samples. */
export interface RunSummary {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly max: number;
}

export function summarizeRun(samples: readonly number[]): RunSummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    mean: sorted.length === 0 ? Number.NaN : total / sorted.length,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

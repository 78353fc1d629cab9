import { readFileSync } from 'node:fs';

/** CPU time of this process (user + system), in microseconds. */
export function processCpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

// /proc/<pid>/stat counts in USER_HZ, which Linux fixes at 100 per second for user space.
const MICROS_PER_TICK = 10_000;

/** User + system CPU of a local process in microseconds, or undefined when /proc cannot tell. */
export function procCpuMicros(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * MICROS_PER_TICK : undefined;
  } catch {
    return undefined;
  }
}

/** CPU used by a set of processes between two snapshots (processes that appeared count from zero). */
export function cpuSince(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let total = 0;
  for (const [pid, micros] of after) total += micros - (before.get(pid) ?? 0);
  return total;
}

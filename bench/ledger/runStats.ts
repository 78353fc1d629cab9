import { cpuSince, processCpuMicros } from './cpu.js';
import type { BenchEngine } from './engines.js';

/** Wall time, and CPU in this process and in the server's processes, of one measured run. */
export interface RunCost {
  readonly wallMs: number;
  readonly clientCpuMicros: number;
  /** Undefined when the server runs in this process (PGlite) or its processes cannot be read. */
  readonly serverCpuMicros: number | undefined;
}

export async function measureRun(engine: BenchEngine, run: () => Promise<void>): Promise<RunCost> {
  const serverBefore = await engine.serverCpu();
  const cpuBefore = processCpuMicros();
  const start = performance.now();
  await run();
  const wallMs = performance.now() - start;
  const clientCpuMicros = processCpuMicros() - cpuBefore;
  const serverAfter = await engine.serverCpu();
  return {
    wallMs,
    clientCpuMicros,
    serverCpuMicros:
      serverBefore === undefined || serverAfter === undefined
        ? undefined
        : cpuSince(serverBefore, serverAfter),
  };
}

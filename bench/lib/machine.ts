import os from 'node:os';

/** The machine a run happened on, for reading numbers in context. */
export interface Machine {
  readonly cpu: string;
  readonly logicalCores: number;
  readonly memoryBytes: number;
  readonly node: string;
  readonly os: string;
  /** 1-minute load average when the run started: other work on the machine skews timings. */
  readonly loadAverage: number;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const speed = cpus[0]?.speed ?? 0;
  return {
    cpu: speed > 0 ? `${model} @ ${(speed / 1000).toFixed(2)} GHz` : model,
    logicalCores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: currentLoadAverage(),
  };
}

export function currentLoadAverage(): number {
  return os.loadavg()[0] ?? Number.NaN;
}

export function machineLines(machine: Machine): string[] {
  return [
    `CPU: ${machine.cpu}, ${machine.logicalCores} logical cores`,
    `Memory: ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB`,
    `Node: ${machine.node}`,
    `OS: ${machine.os}`,
    `Load average (1 min) at start: ${machine.loadAverage.toFixed(2)}`,
  ];
}

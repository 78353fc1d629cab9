/**
 * Per-call timing with `process.hrtime.bigint()`: warm-up first, then one raw sample per call
 * until the time budget is spent (bounded below and above by iteration counts).
 */
export interface SamplerOptions {
  /** Warm-up wall time; warm-up calls are not recorded. */
  readonly warmupMs: number;
  readonly warmupMinIterations: number;
  /** Measured wall time to aim for. */
  readonly budgetMs: number;
  /** Keep sampling past the budget until this many samples exist (unless `hardLimitMs` is hit). */
  readonly minIterations: number;
  readonly maxIterations: number;
  /** Stop after this much measured time whatever `minIterations` says. */
  readonly hardLimitMs: number;
}

/** Written to after every call so that no engine can drop the work as unused. */
let sink: unknown;

export function lastSink(): unknown {
  return sink;
}

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'then' in value &&
    typeof (value as { then: unknown }).then === 'function'
  );
}

const NS_PER_MS = 1_000_000n;

function shouldContinue(count: number, elapsedNs: bigint, options: SamplerOptions): boolean {
  if (count >= options.maxIterations) return false;
  if (elapsedNs >= BigInt(options.hardLimitMs) * NS_PER_MS) return false;
  return count < options.minIterations || elapsedNs < BigInt(options.budgetMs) * NS_PER_MS;
}

function warmupDone(count: number, elapsedNs: bigint, options: SamplerOptions): boolean {
  return count >= options.warmupMinIterations && elapsedNs >= BigInt(options.warmupMs) * NS_PER_MS;
}

/** Samples a synchronous function; returns raw durations in nanoseconds. */
export function sampleSync(fn: () => unknown, options: SamplerOptions): number[] {
  const warmStart = process.hrtime.bigint();
  for (let i = 0; !warmupDone(i, process.hrtime.bigint() - warmStart, options); i++) sink = fn();
  const samples: number[] = [];
  let elapsed = 0n;
  while (shouldContinue(samples.length, elapsed, options)) {
    const start = process.hrtime.bigint();
    sink = fn();
    const took = process.hrtime.bigint() - start;
    elapsed += took;
    samples.push(Number(took));
  }
  return samples;
}

/** Samples an asynchronous function, awaiting each call before the next. */
export async function sampleAsync(fn: () => Promise<unknown>, options: SamplerOptions): Promise<number[]> {
  const warmStart = process.hrtime.bigint();
  for (let i = 0; !warmupDone(i, process.hrtime.bigint() - warmStart, options); i++) sink = await fn();
  const samples: number[] = [];
  let elapsed = 0n;
  while (shouldContinue(samples.length, elapsed, options)) {
    const start = process.hrtime.bigint();
    sink = await fn();
    const took = process.hrtime.bigint() - start;
    elapsed += took;
    samples.push(Number(took));
  }
  return samples;
}

/**
 * Samples a function that may return a promise. A probe call decides: a function that returns a
 * promise is measured with `await` per call, anything else synchronously (no microtask cost).
 */
export async function sample(fn: () => unknown, options: SamplerOptions): Promise<number[]> {
  const probe = fn();
  if (isPromiseLike(probe)) {
    sink = await probe;
    return sampleAsync(async () => fn(), options);
  }
  sink = probe;
  return sampleSync(fn, options);
}

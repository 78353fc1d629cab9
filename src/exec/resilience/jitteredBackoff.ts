import { ExponentialBackoff, type GeneratorFn } from 'cockatiel';

export interface BackoffSpec {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * The delay before retry `retry` (1-based) for a random draw in [0, 1): "equal jitter". The
 * ceiling is `min(maxDelayMs, initialDelayMs * 2^(retry-1))` and the delay lies in
 * [ceiling / 2, ceiling]. Half is fixed, so delays grow with each retry; half is random, so
 * clients that failed together do not come back together.
 */
export function jitteredDelayMs(spec: BackoffSpec, retry: number, draw: number): number {
  const ceiling = Math.min(spec.maxDelayMs, spec.initialDelayMs * 2 ** (retry - 1));
  // A misbehaving random source cannot push a delay outside its bounds.
  const unit = Number.isFinite(draw) ? Math.min(1, Math.max(0, draw)) : 0.5;
  return Math.round(ceiling / 2 + unit * (ceiling / 2));
}

/** cockatiel's ExponentialBackoff driven by {@link jitteredDelayMs} with an injectable random source. */
export function jitteredBackoff(spec: BackoffSpec, random: () => number): ExponentialBackoff<number> {
  // cockatiel keeps the generator's state per execution: here, the number of retries so far.
  const generator: GeneratorFn<number> = (retries = 0) => [
    jitteredDelayMs(spec, retries + 1, random()),
    retries + 1,
  ];
  return new ExponentialBackoff({ generator });
}

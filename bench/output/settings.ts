import type { SamplerOptions } from '../lib/sampler.js';

/** Time budgets for the output suite. A full run stays around a minute and a half. */
export interface OutputSettings {
  /** Per-input sampling of `scanOutput`. Calls take milliseconds, so warm-up is a few calls. */
  readonly sampler: SamplerOptions;
  /** An input whose first call takes longer than this is timed once instead of sampled. */
  readonly singleShotMs: number;
  /** Streaming: stop feeding one configuration after this much time (reported as partial). */
  readonly streamBudgetMs: number;
  /** Streaming warm-up before the first measured configuration. */
  readonly streamWarmupMs: number;
}

export function outputSettings(quick: boolean): OutputSettings {
  if (quick) {
    return {
      sampler: {
        warmupMs: 20,
        warmupMinIterations: 1,
        budgetMs: 100,
        minIterations: 10,
        maxIterations: 20_000,
        hardLimitMs: 400,
      },
      singleShotMs: 500,
      streamBudgetMs: 1_000,
      streamWarmupMs: 200,
    };
  }
  return {
    sampler: {
      warmupMs: 100,
      warmupMinIterations: 2,
      budgetMs: 400,
      minIterations: 30,
      maxIterations: 100_000,
      hardLimitMs: 1_500,
    },
    singleShotMs: 1_500,
    streamBudgetMs: 10_000,
    streamWarmupMs: 1_000,
  };
}

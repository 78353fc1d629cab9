import type { SamplerOptions } from '../lib/sampler.js';

/** Time budgets for the scan suite. Full runs stay well under three minutes. */
export interface ScanSettings {
  /** Per-input sampling for maestro and the fast peers. */
  readonly sampler: SamplerOptions;
  /** Child-process repetitions for cold start and memory; the median is reported. */
  readonly coldRuns: number;
  /** The slow hai-guardrails heuristic guard: at most this many calls per input... */
  readonly slowPeerMaxCalls: number;
  /** ...and no new call once this much time was spent on one input. */
  readonly slowPeerBudgetMs: number;
  /** Largest input the slow guard gets. */
  readonly slowPeerMaxBytes: number;
}

export function scanSettings(quick: boolean): ScanSettings {
  if (quick) {
    return {
      sampler: {
        warmupMs: 30,
        warmupMinIterations: 5,
        budgetMs: 100,
        minIterations: 30,
        maxIterations: 20_000,
        hardLimitMs: 1_000,
      },
      coldRuns: 3,
      slowPeerMaxCalls: 5,
      slowPeerBudgetMs: 3_000,
      slowPeerMaxBytes: 100,
    };
  }
  return {
    sampler: {
      warmupMs: 150,
      warmupMinIterations: 10,
      budgetMs: 400,
      minIterations: 100,
      maxIterations: 100_000,
      hardLimitMs: 2_000,
    },
    coldRuns: 5,
    slowPeerMaxCalls: 5,
    slowPeerBudgetMs: 5_000,
    slowPeerMaxBytes: 1_024,
  };
}

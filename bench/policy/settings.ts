/** Budgets for the policy suite. A full run takes about a minute. */
export interface PolicySettings {
  /** Independent runs per configuration; tables report the median of their percentiles. */
  readonly runs: number;
  /** Timed decisions per run. */
  readonly samples: number;
  /** Untimed decisions before each run. */
  readonly warmup: number;
  /** How long the event-loop measurement keeps deciding. */
  readonly loopMs: number;
}

export function policySettings(quick: boolean): PolicySettings {
  return quick
    ? { runs: 3, samples: 400, warmup: 200, loopMs: 300 }
    : { runs: 7, samples: 2_000, warmup: 1_000, loopMs: 1_500 };
}

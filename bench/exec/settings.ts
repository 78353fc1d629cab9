/** Budgets for the executor suite. A full run takes about a minute. */
export interface ExecSettings {
  /** Independent runs per configuration; tables report the median of their percentiles. */
  readonly runs: number;
  /** Timed proposals per run. */
  readonly samples: number;
  /** Untimed proposals before each run. */
  readonly warmup: number;
  /** Proposals per concurrency level in the throughput table. */
  readonly throughputCalls: number;
}

export function execSettings(quick: boolean): ExecSettings {
  return quick
    ? { runs: 3, samples: 300, warmup: 200, throughputCalls: 1_000 }
    : { runs: 5, samples: 2_000, warmup: 500, throughputCalls: 5_000 };
}

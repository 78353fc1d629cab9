/** Budgets for the executor suite. A full run takes about three minutes. */
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
    : { runs: 3, samples: 1_000, warmup: 300, throughputCalls: 3_000 };
}

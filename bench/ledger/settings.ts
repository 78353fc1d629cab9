import type { SamplerOptions } from '../lib/sampler.js';

/** Sizes and budgets of the ledger suite. A full run takes several minutes, mostly loading data. */
export interface LedgerSettings {
  /** Events per measured append run, spread over `tenants` tenants. */
  readonly appendEvents: number;
  readonly appendRuns: number;
  /** A first, unrecorded run: JIT, pool connections, the first pages of each table. */
  readonly warmupEvents: number;
  readonly tenants: number;
  /** Offered load of the latency run (events per second), and how long it lasts. */
  readonly latencyRate: number;
  readonly latencySeconds: number;
  readonly latencyWarmupSeconds: number;
  /** Events of the one-tenant data set that queries and verify run on, per engine. */
  readonly datasetEvents: { readonly pglite: number; readonly postgres: number };
  /** The data set's events are spread over this many days. */
  readonly datasetDays: number;
  readonly verifyRuns: number;
  /** Per query shape. */
  readonly querySampler: SamplerOptions;
}

const SECOND = 1_000;

export function ledgerSettings(quick: boolean): LedgerSettings {
  if (quick) {
    return {
      appendEvents: 20_000,
      appendRuns: 2,
      warmupEvents: 2_000,
      tenants: 8,
      latencyRate: 1_000,
      latencySeconds: 3,
      latencyWarmupSeconds: 0.5,
      datasetEvents: { pglite: 50_000, postgres: 100_000 },
      datasetDays: 30,
      verifyRuns: 1,
      querySampler: {
        warmupMs: 50,
        warmupMinIterations: 3,
        budgetMs: 300,
        minIterations: 10,
        maxIterations: 2_000,
        hardLimitMs: 2 * SECOND,
      },
    };
  }
  return {
    appendEvents: 100_000,
    appendRuns: 3,
    warmupEvents: 5_000,
    tenants: 8,
    latencyRate: 1_000,
    latencySeconds: 10,
    latencyWarmupSeconds: 1,
    datasetEvents: { pglite: 250_000, postgres: 1_000_000 },
    datasetDays: 30,
    verifyRuns: 3,
    querySampler: {
      warmupMs: 200,
      warmupMinIterations: 5,
      budgetMs: 1_500,
      minIterations: 30,
      maxIterations: 10_000,
      hardLimitMs: 6 * SECOND,
    },
  };
}

import { z } from 'zod';

/** When signed tree heads are written: after every `everyEvents` events of a tenant, and at least every `everyMs`. */
export const headPolicySchema = z.strictObject({
  everyEvents: z.number().int().min(1).max(1_000_000).default(1000),
  everyMs: z.number().int().min(10).max(86_400_000).default(5000),
});

export const writeQueueOptionsSchema = z.strictObject({
  /** Events accepted but not yet committed, across tenants; beyond it callers get back-pressure. */
  maxPending: z.number().int().min(1).max(1_000_000).default(10_000),
  /**
   * Events per flush (split into one transaction per tenant). Larger batches spread each
   * transaction's fixed cost (lock, state row, commit) over more events; at low load a batch holds
   * whatever arrived within flushMs, so this only matters when the writer is busy.
   */
  maxBatch: z.number().int().min(1).max(10_000).default(4000),
  /** How long a first event waits for company before a flush starts; 0 flushes on the next tick. */
  flushMs: z.number().int().min(0).max(10_000).default(2),
  /**
   * How long `logRiskEvent` waits for room when the queue is full before it rejects with
   * ERR_LEDGER_BACKPRESSURE; 0 (default) rejects at once. Per call: `logRiskEvent(e, { waitMs })`.
   */
  waitMs: z.number().int().min(0).max(600_000).default(0),
});

export type HeadPolicy = z.output<typeof headPolicySchema>;
export type WriteQueueOptions = z.output<typeof writeQueueOptionsSchema>;

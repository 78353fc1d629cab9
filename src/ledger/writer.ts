import { InvalidOptionsError, MaestroError } from '../errors/index.js';
import { buildRiskEvent } from './buildRiskEvent.js';
import { createEventIdFactory } from './eventId.js';
import type { RiskEvent, RiskEventInput } from './eventSchema.js';
import { InvalidRiskEventError } from './ledgerErrors.js';
import type { PreviewRedactor } from './preview.js';
import type { LedgerSigner } from './signer.js';
import type { LedgerStore } from './store/ledgerStore.js';
import { type AppendPlan, planAppend, type RiskEventAck } from './writerBatch.js';
import type { HeadPolicy, WriteQueueOptions } from './writerOptions.js';
import { WriteQueue } from './writerQueue.js';

export interface LogOptions {
  /** Wait up to this long for room when the queue is full (default: the ledger's queue.waitMs). */
  readonly waitMs?: number;
}

export interface WriterStats {
  /** Accepted, not yet committed or rejected (queued + in flight). */
  readonly pending: number;
  readonly queued: number;
  /** Callers waiting for room. */
  readonly waiting: number;
  readonly capacity: number;
  readonly committed: number;
  readonly failed: number;
  readonly heads: number;
}

export interface LedgerWriterOptions {
  readonly store: LedgerStore;
  readonly signer: LedgerSigner;
  readonly redact?: PreviewRedactor;
  readonly heads: HeadPolicy;
  readonly queue: WriteQueueOptions;
}

interface PendingEvent {
  readonly event: RiskEvent;
  readonly resolve: (ack: RiskEventAck) => void;
  readonly reject: (error: MaestroError) => void;
}

function unavailable(cause: unknown): MaestroError {
  if (cause instanceof MaestroError && cause.code === 'ERR_LEDGER_UNAVAILABLE') return cause;
  return new MaestroError('ERR_LEDGER_UNAVAILABLE', { cause });
}

/**
 * The batched writer. `logRiskEvent` validates and builds the event at once (so a bad event is
 * refused before anything is queued, and the trace context is the caller's), then queues it; a
 * flusher takes up to maxBatch events, appends each tenant's share in one transaction on its
 * locked state row, and only after COMMIT resolves the callers. A failed transaction rejects all
 * of its events with ERR_LEDGER_UNAVAILABLE; nothing of it is kept, in the database or here (the
 * next batch starts again from the state row).
 */
export class LedgerWriter {
  readonly #store: LedgerStore;
  readonly #signer: LedgerSigner;
  readonly #redact: PreviewRedactor | undefined;
  readonly #heads: HeadPolicy;
  readonly #options: WriteQueueOptions;
  readonly #queue: WriteQueue<PendingEvent>;
  readonly #nextId = createEventIdFactory();
  /** Tenants this writer appended to whose newest events no head covers yet. */
  readonly #unsigned = new Set<string>();
  #flushTimer: NodeJS.Timeout | undefined;
  readonly #headTimer: NodeJS.Timeout;
  #headsDue = false;
  #draining: Promise<void> | undefined;
  #closing: Promise<void> | undefined;
  #closed = false;
  #enqueued = 0;
  #settled = 0;
  #committed = 0;
  #failed = 0;
  #headsWritten = 0;

  constructor(options: LedgerWriterOptions) {
    this.#store = options.store;
    this.#signer = options.signer;
    this.#redact = options.redact;
    this.#heads = options.heads;
    this.#options = options.queue;
    this.#queue = new WriteQueue(options.queue.maxPending);
    // Half the period, so a head is at most ~1.5 × everyMs behind its oldest event.
    this.#headTimer = setInterval(
      () => this.#onHeadTimer(),
      Math.max(5, Math.floor(options.heads.everyMs / 2)),
    );
    this.#headTimer.unref();
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Records a risk event. Resolves with its id and seq once it is committed; rejects with
   * ERR_LEDGER_INVALID_EVENT (at once, nothing queued), ERR_LEDGER_BACKPRESSURE (queue full
   * for longer than waitMs), ERR_LEDGER_UNAVAILABLE (the store refused the batch) or
   * ERR_LEDGER_CLOSED.
   */
  logRiskEvent(input: RiskEventInput, options: LogOptions = {}): Promise<RiskEventAck> {
    if (this.#closed) return Promise.reject(new MaestroError('ERR_LEDGER_CLOSED'));
    const waitMs = options.waitMs ?? this.#options.waitMs;
    if (typeof waitMs !== 'number' || !Number.isFinite(waitMs) || waitMs < 0) {
      return Promise.reject(
        new InvalidOptionsError('Invalid option waitMs: expected a number ≥ 0.', ['waitMs']),
      );
    }
    let event: RiskEvent;
    try {
      const now = new Date();
      event = buildRiskEvent(input, { id: this.#nextId(now), seq: 0, time: now, redact: this.#redact });
    } catch (error) {
      return Promise.reject(
        error instanceof MaestroError ? error : new InvalidRiskEventError('the event could not be built'),
      );
    }
    return new Promise<RiskEventAck>((resolve, reject) => {
      const item: PendingEvent = { event, resolve, reject };
      if (this.#queue.offer(item)) {
        this.#accepted();
        return;
      }
      this.#queue.put(item, waitMs).then(() => this.#accepted(), reject);
    });
  }

  /** Resolves when a new event would be accepted without waiting (for producers that can pause). */
  ready(): Promise<void> {
    if (this.#closed) return Promise.reject(new MaestroError('ERR_LEDGER_CLOSED'));
    return this.#queue.whenRoom();
  }

  /**
   * Commits every event accepted before the call (each caller's promise settles), then signs a
   * head for every tenant this writer left unsigned. Rejects with ERR_LEDGER_UNAVAILABLE when a
   * head could not be written.
   */
  async flush(): Promise<void> {
    const target = this.#enqueued;
    while (this.#settled < target) await this.#startDrain();
    await this.#writeHeads(true);
  }

  /** Refuses new events, commits the accepted ones, writes the final heads. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#closed = true;
      clearInterval(this.#headTimer);
      this.#queue.rejectWaiting(new MaestroError('ERR_LEDGER_CLOSED'));
      // Nothing new can arrive now, so drain to empty (a waiter let in just before counts too).
      while (this.#queue.pending > 0) await this.#startDrain();
      await this.flush();
    })();
    return this.#closing;
  }

  stats(): WriterStats {
    return {
      pending: this.#queue.pending,
      queued: this.#queue.queued,
      waiting: this.#queue.waiting,
      capacity: this.#queue.capacity,
      committed: this.#committed,
      failed: this.#failed,
      heads: this.#headsWritten,
    };
  }

  #accepted(): void {
    this.#enqueued++;
    if (this.#draining !== undefined) return; // the running drain picks it up
    if (this.#queue.queued >= this.#options.maxBatch) {
      void this.#startDrain();
    } else if (this.#flushTimer === undefined) {
      this.#flushTimer = setTimeout(() => void this.#startDrain(), this.#options.flushMs);
    }
  }

  #onHeadTimer(): void {
    if (this.#unsigned.size === 0) return;
    this.#headsDue = true;
    void this.#startDrain();
  }

  #startDrain(): Promise<void> {
    if (this.#flushTimer !== undefined) {
      clearTimeout(this.#flushTimer);
      this.#flushTimer = undefined;
    }
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = undefined;
      // Events that arrived while the last batch committed.
      if (this.#queue.queued > 0) void this.#startDrain();
    });
    return this.#draining;
  }

  async #drain(): Promise<void> {
    while (this.#queue.queued > 0) {
      await this.#writeBatch(this.#queue.take(this.#options.maxBatch));
    }
    if (this.#headsDue) {
      this.#headsDue = false;
      // Best effort: a head that cannot be written now is retried on the next tick.
      await this.#writeHeads(false).catch(() => {});
    }
  }

  async #writeBatch(batch: PendingEvent[]): Promise<void> {
    const byTenant = new Map<string, PendingEvent[]>();
    for (const item of batch) {
      const list = byTenant.get(item.event.tenantId);
      if (list === undefined) byTenant.set(item.event.tenantId, [item]);
      else list.push(item);
    }
    await Promise.all([...byTenant].map(([tenantId, items]) => this.#appendTenant(tenantId, items)));
  }

  /** One tenant's share of a batch in one transaction. Never throws: it settles every item. */
  async #appendTenant(tenantId: string, items: PendingEvent[]): Promise<void> {
    try {
      const plan = await this.#append(
        tenantId,
        items.map((item) => item.event),
        false,
      );
      for (const [i, item] of items.entries()) item.resolve(plan.acks[i]!);
      this.#committed += items.length;
    } catch (error) {
      const acks = await this.#committedDespite(tenantId, items);
      if (acks !== undefined) {
        for (const [i, item] of items.entries()) item.resolve(acks[i]!);
        this.#unsigned.add(tenantId);
        this.#committed += items.length;
      } else {
        const rejection = unavailable(error);
        for (const item of items) item.reject(rejection);
        this.#failed += items.length;
      }
    } finally {
      this.#settled += items.length;
      this.#queue.settled(items.length);
    }
  }

  async #append(tenantId: string, events: RiskEvent[], forceHead: boolean): Promise<AppendPlan> {
    const plan = await this.#store.append(tenantId, async (session) => {
      const planned = planAppend(session.state, events, {
        signer: this.#signer,
        heads: this.#heads,
        now: new Date(),
        forceHead,
      });
      if (planned.rows.length === 0 && planned.heads.length === 0) return planned;
      await session.insertEvents(planned.rows);
      for (const head of planned.heads) await session.insertHead(head);
      await session.saveState(planned.update);
      return planned;
    });
    this.#headsWritten += plan.heads.length;
    if (plan.update.eventsSinceHead > 0) this.#unsigned.add(tenantId);
    else this.#unsigned.delete(tenantId);
    return plan;
  }

  /**
   * After a failed COMMIT the outcome can be unknown (the connection died after the server got
   * it). Event ids are unique, so looking them up tells: all there means committed.
   */
  async #committedDespite(tenantId: string, items: PendingEvent[]): Promise<RiskEventAck[] | undefined> {
    try {
      const seqs = await this.#store.readEventSeqs(
        tenantId,
        items.map((item) => item.event.id),
      );
      if (seqs.size !== items.length) return undefined;
      return items.map(({ event }) => ({
        id: event.id,
        seq: seqs.get(event.id)!,
        tenantId,
        time: event.time,
      }));
    } catch {
      return undefined;
    }
  }

  /** Signs a head for each unsigned tenant: all of them (`force`) or those past everyMs. */
  async #writeHeads(force: boolean): Promise<void> {
    let firstError: unknown;
    for (const tenantId of [...this.#unsigned]) {
      try {
        await this.#append(tenantId, [], force);
      } catch (error) {
        firstError ??= error;
      }
    }
    if (firstError !== undefined) throw unavailable(firstError);
  }
}

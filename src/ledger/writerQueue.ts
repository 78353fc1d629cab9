import { MaestroError } from '../errors/index.js';

interface Waiter<T> {
  readonly item: T;
  readonly resolve: () => void;
  readonly reject: (error: MaestroError) => void;
  timer: NodeJS.Timeout | undefined;
}

export function backpressureError(): MaestroError {
  return new MaestroError('ERR_LEDGER_BACKPRESSURE');
}

/**
 * The writer's bounded FIFO. Room is counted over everything not yet settled (queued and in
 * flight), so memory stays bounded however slow the store is. A caller that finds it full either
 * gets ERR_LEDGER_BACKPRESSURE at once or waits its turn (FIFO) up to a deadline; callers that
 * arrive while others wait queue behind them, so waiting never lets anyone jump ahead.
 */
export class WriteQueue<T> {
  readonly #max: number;
  readonly #items: T[] = [];
  #head = 0;
  #inFlight = 0;
  readonly #waiters: Waiter<T>[] = [];
  #roomListeners: Array<() => void> = [];

  constructor(maxPending: number) {
    if (!Number.isSafeInteger(maxPending) || maxPending < 1) throw new RangeError('maxPending must be ≥ 1');
    this.#max = maxPending;
  }

  /** Queued and in flight: every item not yet settled. */
  get pending(): number {
    return this.queued + this.#inFlight;
  }

  get queued(): number {
    return this.#items.length - this.#head;
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  get capacity(): number {
    return this.#max;
  }

  /** Enqueues when there is room and nobody is waiting; false otherwise. */
  offer(item: T): boolean {
    if (this.#waiters.length > 0 || this.pending >= this.#max) return false;
    this.#items.push(item);
    return true;
  }

  /**
   * Enqueues now if possible, else waits (behind earlier waiters) up to `waitMs`; rejects with
   * ERR_LEDGER_BACKPRESSURE when the deadline passes first. Resolves once the item is queued.
   */
  put(item: T, waitMs: number): Promise<void> {
    if (this.offer(item)) return Promise.resolve();
    if (!(waitMs > 0)) return Promise.reject(backpressureError());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter<T> = { item, resolve, reject, timer: undefined };
      waiter.timer = setTimeout(() => {
        const at = this.#waiters.indexOf(waiter);
        if (at >= 0) this.#waiters.splice(at, 1);
        reject(backpressureError());
      }, waitMs);
      this.#waiters.push(waiter);
    });
  }

  /** Moves up to `max` items, oldest first, from the queue to in flight. */
  take(max: number): T[] {
    const end = Math.min(this.#items.length, this.#head + max);
    const batch = this.#items.slice(this.#head, end);
    this.#head = end;
    // Compact now and then instead of shifting on every take.
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items.splice(0, this.#head);
      this.#head = 0;
    }
    this.#inFlight += batch.length;
    return batch;
  }

  /** `count` in-flight items were settled (committed or rejected): their room is free again. */
  settled(count: number): void {
    this.#inFlight = Math.max(0, this.#inFlight - count);
    while (this.#waiters.length > 0 && this.pending < this.#max) {
      const waiter = this.#waiters.shift()!;
      clearTimeout(waiter.timer);
      this.#items.push(waiter.item);
      waiter.resolve();
    }
    if (this.pending < this.#max && this.#waiters.length === 0 && this.#roomListeners.length > 0) {
      const listeners = this.#roomListeners;
      this.#roomListeners = [];
      for (const listener of listeners) listener();
    }
  }

  /** Resolves when an `offer` would succeed (there is room and nobody waits). */
  whenRoom(): Promise<void> {
    if (this.#waiters.length === 0 && this.pending < this.#max) return Promise.resolve();
    return new Promise((resolve) => this.#roomListeners.push(resolve));
  }

  /** Rejects every waiter that has not been queued yet (on close). */
  rejectWaiting(error: MaestroError): void {
    for (const waiter of this.#waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    const listeners = this.#roomListeners;
    this.#roomListeners = [];
    for (const listener of listeners) listener();
  }
}

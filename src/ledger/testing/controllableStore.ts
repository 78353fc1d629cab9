import type { LedgerStore } from '../store/ledgerStore.js';

export interface ControllableStore extends LedgerStore {
  /**
   * Makes the next `count` appends fail inside their transaction, after the events were
   * inserted: the database must roll them back.
   */
  failNextAppends(count?: number): void;
  /** Holds every append before it starts until the returned function is called. */
  hold(): () => void;
  /** Appends started so far. */
  readonly appends: number;
}

export class InjectedStoreFailure extends Error {
  constructor() {
    super('injected store failure');
    this.name = 'InjectedStoreFailure';
  }
}

/** Wraps a real store to inject commit failures and stalls; everything else goes through. */
export function controllableStore(inner: LedgerStore): ControllableStore {
  let failures = 0;
  let gate: Promise<void> | undefined;
  let appends = 0;
  return {
    ...inner,
    get appends() {
      return appends;
    },
    failNextAppends(count = 1) {
      failures += count;
    },
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return () => {
        gate = undefined;
        release();
      };
    },
    async append(tenantId, fn) {
      while (gate !== undefined) await gate;
      appends++;
      const fail = failures > 0;
      if (fail) failures--;
      return inner.append(tenantId, async (session) => {
        if (!fail) return fn(session);
        await fn({
          ...session,
          state: session.state,
          saveState: async () => {
            throw new InjectedStoreFailure();
          },
        });
        throw new InjectedStoreFailure();
      });
    },
  };
}

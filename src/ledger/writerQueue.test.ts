import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MaestroError } from '../errors/index.js';
import { WriteQueue } from './writerQueue.js';

const code = (e: unknown) => (e as MaestroError).code;

describe('WriteQueue', () => {
  it('counts queued and in-flight items against its capacity', () => {
    const q = new WriteQueue<number>(3);
    expect([q.offer(1), q.offer(2), q.offer(3), q.offer(4)]).toEqual([true, true, true, false]);
    expect(q.take(2)).toEqual([1, 2]);
    expect([q.pending, q.queued]).toEqual([3, 1]);
    expect(q.offer(5)).toBe(false); // taken is not settled
    q.settled(2);
    expect(q.offer(5)).toBe(true);
    expect(q.take(10)).toEqual([3, 5]);
  });

  it('rejects with ERR_LEDGER_BACKPRESSURE at once when full and not asked to wait', async () => {
    const q = new WriteQueue<number>(1);
    q.offer(1);
    expect(code(await q.put(2, 0).catch((e) => e))).toBe('ERR_LEDGER_BACKPRESSURE');
  });

  it('lets waiters in first-come first-served, and newcomers queue behind them', async () => {
    const q = new WriteQueue<string>(1);
    q.offer('a');
    const order: string[] = [];
    const b = q.put('b', 60_000).then(() => order.push('b'));
    const c = q.put('c', 60_000).then(() => order.push('c'));
    expect(q.offer('d')).toBe(false); // would jump the waiters
    expect(q.take(5)).toEqual(['a']);
    q.settled(1);
    await b;
    expect(q.take(5)).toEqual(['b']);
    q.settled(1);
    await c;
    expect(order).toEqual(['b', 'c']);
    expect(q.take(5)).toEqual(['c']);
  });

  it('gives up waiting at the deadline with back-pressure, leaving the queue unchanged', async () => {
    const q = new WriteQueue<number>(1);
    q.offer(1);
    expect(code(await q.put(2, 5).catch((e) => e))).toBe('ERR_LEDGER_BACKPRESSURE');
    expect([q.waiting, q.queued]).toEqual([0, 1]);
  });

  it('wakes whenRoom listeners and rejects waiters on close', async () => {
    const q = new WriteQueue<number>(1);
    q.offer(1);
    const room = q.whenRoom();
    const waiter = q.put(2, 60_000).catch((e) => e);
    q.rejectWaiting(new MaestroError('ERR_LEDGER_CLOSED'));
    expect(code(await waiter)).toBe('ERR_LEDGER_CLOSED');
    await room;
  });

  it('never loses or reorders an accepted item (model check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.oneof(fc.constant('offer' as const), fc.integer({ min: 1, max: 4 })), { maxLength: 60 }),
        (max, ops) => {
          const q = new WriteQueue<number>(max);
          const accepted: number[] = [];
          const taken: number[] = [];
          let inFlight = 0;
          let n = 0;
          for (const op of ops) {
            if (op === 'offer') {
              if (q.offer(n)) accepted.push(n);
              else expect(q.pending).toBe(max);
              n++;
            } else {
              const batch = q.take(op);
              taken.push(...batch);
              inFlight += batch.length;
              q.settled(inFlight);
              inFlight = 0;
            }
            expect(q.pending).toBeLessThanOrEqual(max);
          }
          taken.push(...q.take(Number.MAX_SAFE_INTEGER));
          expect(taken).toEqual(accepted);
        },
      ),
      { numRuns: 200 },
    );
  });
});

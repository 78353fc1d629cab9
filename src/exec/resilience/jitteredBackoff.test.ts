import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jitteredBackoff, jitteredDelayMs } from './jitteredBackoff.js';

const spec = fc
  .tuple(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 0, max: 600_000 }))
  .map(([a, b]) => ({ initialDelayMs: Math.min(a, b), maxDelayMs: Math.max(a, b) }));

describe('jittered exponential backoff', () => {
  it('property: each delay lies in [ceiling/2, ceiling] and, for a fixed draw, never shrinks', () => {
    fc.assert(
      fc.property(spec, fc.double({ min: 0, max: 1, noNaN: true }), (s, draw) => {
        let previous = 0;
        for (let retry = 1; retry <= 12; retry++) {
          const ceiling = Math.min(s.maxDelayMs, s.initialDelayMs * 2 ** (retry - 1));
          const delay = jitteredDelayMs(s, retry, draw);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(Math.ceil(ceiling));
          expect(delay).toBeGreaterThanOrEqual(previous);
          previous = delay;
        }
      }),
    );
  });

  it('keeps a misbehaving random source within bounds', () => {
    const s = { initialDelayMs: 100, maxDelayMs: 1000 };
    expect(jitteredDelayMs(s, 1, -5)).toBe(50);
    expect(jitteredDelayMs(s, 1, 7)).toBe(100);
    expect(jitteredDelayMs(s, 1, Number.NaN)).toBe(75);
  });

  it('drives cockatiel’s ExponentialBackoff with one draw per retry', () => {
    const draws = [0, 1, 0.5, 0];
    let used = 0;
    const factory = jitteredBackoff({ initialDelayMs: 100, maxDelayMs: 300 }, () => {
      used++;
      return draws.shift() ?? 0;
    });
    const first = factory.next();
    const second = first.next({} as never);
    const third = second.next({} as never);
    const fourth = third.next({} as never);
    expect([first.duration, second.duration, third.duration, fourth.duration]).toEqual([50, 200, 225, 150]);
    expect(used).toBe(4);
  });
});

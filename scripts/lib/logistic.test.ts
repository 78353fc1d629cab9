import { describe, expect, it } from 'vitest';
import { fitLogistic } from './logistic.js';

describe('fitLogistic', () => {
  it('recovers the sign and rough size of a known relation', () => {
    const x: number[][] = [];
    const y: number[] = [];
    // Deterministic grid: P(y=1) = σ(2·a − 1).
    for (let i = 0; i < 400; i++) {
      const a = (i % 20) / 10 - 1;
      const p = 1 / (1 + Math.exp(-(2 * a - 1)));
      x.push([a, 1]);
      y.push((i * 0.6180339887) % 1 < p ? 1 : 0);
    }
    const [wa, bias] = fitLogistic(x, y);
    expect(wa).toBeGreaterThan(1.2);
    expect(wa).toBeLessThan(3);
    expect(bias).toBeLessThan(-0.4);
    expect(bias).toBeGreaterThan(-1.6);
  });
  it('is deterministic', () => {
    const x = [
      [1, 1],
      [2, 1],
      [-1, 1],
      [-2, 1],
      [0.5, 1],
    ];
    const y = [1, 1, 0, 0, 0];
    expect(fitLogistic(x, y)).toEqual(fitLogistic(x, y));
  });
});

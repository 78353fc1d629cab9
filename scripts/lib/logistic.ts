/**
 * Small dense logistic regression fitted by Newton's method (IRLS) with an L2 penalty:
 * deterministic, exact to machine precision, fine for a handful of features.
 */
export function fitLogistic(
  x: readonly number[][],
  y: readonly number[],
  l2 = 1e-3,
  iterations = 50,
): number[] {
  const d = x[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j]! * xi[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const r = p - y[i]!;
      const s = p * (1 - p);
      for (let j = 0; j < d; j++) {
        grad[j]! += r * xi[j]!;
        for (let k = 0; k < d; k++) hess[j]![k]! += s * xi[j]! * xi[k]!;
      }
    }
    for (let j = 0; j < d; j++) {
      grad[j]! += l2 * w[j]!;
      hess[j]![j]! += l2;
    }
    const step = solve(hess, grad);
    let change = 0;
    for (let j = 0; j < d; j++) {
      w[j]! -= step[j]!;
      change = Math.max(change, Math.abs(step[j]!));
    }
    if (change < 1e-10) break;
  }
  return w;
}

/** Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const p = m[c]![c]!;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / p;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

/**
 * Whether one path segment matches a glob segment (`*`, `?`, `[abc]`, `[!a-z]`, `\x`): the
 * greedy two-pointer algorithm with one backtrack point, so time is at most the product of the
 * two lengths whatever the pattern (no regular expression, no exponential blow-up).
 */
export function matchSegment(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    if (p < pattern.length) {
      const c = pattern[p];
      if (c === '*') {
        starP = p++;
        starT = t;
        continue;
      }
      const step = matchOne(pattern, p, text[t] as string);
      if (step > 0) {
        p += step;
        t++;
        continue;
      }
    }
    if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
      continue;
    }
    return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Matches one character at `pattern[p]`: returns how many pattern characters it used, or 0. */
function matchOne(pattern: string, p: number, ch: string): number {
  const c = pattern[p];
  if (c === '?') return 1;
  if (c === '\\' && p + 1 < pattern.length) return pattern[p + 1] === ch ? 2 : 0;
  if (c === '[') {
    const close = pattern.indexOf(']', p + 2);
    if (close < 0) return ch === '[' ? 1 : 0;
    let i = p + 1;
    const negate = pattern[i] === '!' || pattern[i] === '^';
    if (negate) i++;
    let hit = false;
    for (; i < close; i++) {
      const lo = pattern[i] as string;
      if (pattern[i + 1] === '-' && i + 2 < close) {
        const hi = pattern[i + 2] as string;
        if (ch >= lo && ch <= hi) hit = true;
        i += 2;
      } else if (lo === ch) hit = true;
    }
    return hit !== negate ? close - p + 1 : 0;
  }
  return c === ch ? 1 : 0;
}

/**
 * Whether path segments match pattern segments, where a `**` segment matches any number of
 * path segments. Dynamic programming over the two indices: polynomial, never exponential.
 */
export function matchSegments(pattern: readonly string[], path: readonly string[]): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (path.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === pattern.length) result = j === path.length;
    else if (pattern[i] === '**') result = go(i + 1, j) || (j < path.length && go(i, j + 1));
    else
      result = j < path.length && matchSegment(pattern[i] as string, path[j] as string) && go(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

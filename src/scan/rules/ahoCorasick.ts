/**
 * Aho–Corasick automaton over UTF-16 code units: finds every occurrence of every pattern in one
 * left-to-right pass, in time linear in the text plus the number of matches. No backtracking.
 * Transitions live in typed arrays (a dense table at the root, an open-addressing hash elsewhere)
 * so a scan allocates nothing.
 */
export interface Automaton {
  readonly patternCount: number;
  readonly patternLengths: Int32Array;
  /** Dense transitions from the root, indexed by code unit; 0 means "stay at the root". */
  readonly root: Int32Array;
  readonly hashNode: Int32Array;
  readonly hashUnit: Int32Array;
  readonly hashTarget: Int32Array;
  readonly hashMask: number;
  readonly fail: Int32Array;
  /** Nearest node on the fail chain that ends a pattern (-1 if none). */
  readonly dictLink: Int32Array;
  readonly outStart: Int32Array;
  readonly outPatterns: Int32Array;
}

function slot(node: number, unit: number, mask: number): number {
  return (Math.imul(node, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) & mask;
}

function lookup(a: Automaton, node: number, unit: number): number {
  if (node === 0) return a.root[unit]!;
  let s = slot(node, unit, a.hashMask);
  for (;;) {
    const n = a.hashNode[s]!;
    if (n === -1) return -1;
    if (n === node && a.hashUnit[s] === unit) return a.hashTarget[s]!;
    s = (s + 1) & a.hashMask;
  }
}

export function buildAutomaton(patterns: readonly string[]): Automaton {
  // Build the trie with a Map, then freeze it into typed arrays.
  const edges = new Map<number, number>();
  const children: number[][] = [[]];
  const own: number[][] = [[]];
  for (let p = 0; p < patterns.length; p++) {
    const pattern = patterns[p]!;
    let node = 0;
    for (let i = 0; i < pattern.length; i++) {
      const key = node * 0x10000 + pattern.charCodeAt(i);
      let next = edges.get(key);
      if (next === undefined) {
        next = children.length;
        children.push([]);
        own.push([]);
        edges.set(key, next);
        children[node]!.push(key);
      }
      node = next;
    }
    if (pattern.length > 0) own[node]!.push(p);
  }
  const nodeCount = children.length;
  let capacity = 16;
  while (capacity < edges.size * 2) capacity *= 2;
  const mask = capacity - 1;
  const hashNode = new Int32Array(capacity).fill(-1);
  const hashUnit = new Int32Array(capacity);
  const hashTarget = new Int32Array(capacity);
  const root = new Int32Array(0x10000);
  for (const [key, target] of edges) {
    const node = Math.floor(key / 0x10000);
    const unit = key % 0x10000;
    if (node === 0) {
      root[unit] = target;
      continue;
    }
    let s = slot(node, unit, mask);
    while (hashNode[s] !== -1) s = (s + 1) & mask;
    hashNode[s] = node;
    hashUnit[s] = unit;
    hashTarget[s] = target;
  }
  const outStart = new Int32Array(nodeCount + 1);
  for (let n = 0; n < nodeCount; n++) outStart[n + 1] = outStart[n]! + own[n]!.length;
  const outPatterns = new Int32Array(outStart[nodeCount]!);
  for (let n = 0; n < nodeCount; n++) outPatterns.set(own[n]!, outStart[n]!);
  const patternLengths = Int32Array.from(patterns, (p) => p.length);
  const automaton: Automaton = {
    patternCount: patterns.length,
    patternLengths,
    root,
    hashNode,
    hashUnit,
    hashTarget,
    hashMask: mask,
    fail: new Int32Array(nodeCount),
    dictLink: new Int32Array(nodeCount).fill(-1),
    outStart,
    outPatterns,
  };
  // Breadth-first: fail links and dictionary links.
  const queue: number[] = [];
  for (const key of children[0]!) queue.push(edges.get(key)!);
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q]!;
    for (const key of children[node]!) {
      const unit = key % 0x10000;
      const child = edges.get(key)!;
      let f = automaton.fail[node]!;
      let target = lookup(automaton, f, unit);
      while (target <= 0 && f !== 0) {
        f = automaton.fail[f]!;
        target = lookup(automaton, f, unit);
      }
      const failTo = target > 0 && target !== child ? target : 0;
      automaton.fail[child] = failTo;
      automaton.dictLink[child] = outStart[failTo + 1]! > outStart[failTo]! ? failTo : automaton.dictLink[failTo]!;
      queue.push(child);
    }
  }
  return automaton;
}

/** The state after reading `unit` in state `node` (following fail links as needed). */
export function nextState(a: Automaton, node: number, unit: number): number {
  let next = lookup(a, node, unit);
  while (next <= 0 && node !== 0) {
    node = a.fail[node]!;
    next = lookup(a, node, unit);
  }
  return next > 0 ? next : 0;
}

/** Calls `onMatch(pattern, end)` for every occurrence; `end` is exclusive. */
export function scanAutomaton(a: Automaton, text: string, onMatch: (pattern: number, end: number) => void): void {
  let node = 0;
  for (let i = 0; i < text.length; i++) {
    node = nextState(a, node, text.charCodeAt(i));
    if (node === 0) continue;
    for (let m = node; m !== -1; m = a.dictLink[m]!) {
      for (let k = a.outStart[m]!; k < a.outStart[m + 1]!; k++) onMatch(a.outPatterns[k]!, i + 1);
    }
  }
}

/**
 * Aho–Corasick automaton over UTF-16 code units: finds every occurrence of every pattern in one
 * left-to-right pass, in time linear in the text plus the number of matches. No backtracking.
 * Transitions live in typed arrays (a dense table at the root; elsewhere each state's edges sorted
 * by unit in one flat list, read by a short linear scan or a binary search) so a scan allocates
 * nothing. Most states below the root have one or two edges, so this beats hashing in time and
 * takes a third of the memory.
 */
export interface Automaton {
  readonly patternCount: number;
  readonly patternLengths: Int32Array;
  /** Dense transitions from the root, indexed by code unit; 0 means "stay at the root". */
  readonly root: Int32Array;
  /** Edges of state n (n > 0) are `edgeUnit/edgeTarget[edgeStart[n] .. edgeStart[n + 1])`, sorted by unit. */
  readonly edgeStart: Int32Array;
  readonly edgeUnit: Uint16Array;
  readonly edgeTarget: Int32Array;
  /**
   * Full transitions (fail links already followed) of the shallowest states for ASCII units:
   * state n < `denseRows` reading unit u < 128 goes to `dense[n * 128 + u]`. States are numbered
   * breadth first, so these are the states nearest the root, where a scan spends most steps.
   */
  readonly denseRows: number;
  readonly dense: Uint16Array;
  readonly fail: Int32Array;
  /** Nearest node on the fail chain that ends a pattern (-1 if none). */
  readonly dictLink: Int32Array;
  readonly outStart: Int32Array;
  readonly outPatterns: Int32Array;
}

/** Edge lists up to this long are scanned; longer ones are searched by bisection. */
const LINEAR_EDGES = 8;

/** The state reached from `node` by `unit`: 0 stays at the root, -1 means no edge (below the root). */
function lookup(a: Automaton, node: number, unit: number): number {
  if (node === 0) return a.root[unit]!;
  let lo = a.edgeStart[node]!;
  let hi = a.edgeStart[node + 1]!;
  if (hi - lo <= LINEAR_EDGES) {
    for (; lo < hi; lo++) {
      const u = a.edgeUnit[lo]!;
      if (u === unit) return a.edgeTarget[lo]!;
      if (u > unit) return -1;
    }
    return -1;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const u = a.edgeUnit[mid]!;
    if (u === unit) return a.edgeTarget[mid]!;
    if (u < unit) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

function buildTrieAutomaton(patterns: readonly string[]): { automaton: Automaton; order: Int32Array } {
  // The trie lives in flat typed arrays (first-child / next-sibling lists; a dense table at the
  // root) so building a few hundred thousand nodes allocates almost nothing.
  let capacity = 1;
  for (const p of patterns) capacity += p.length;
  const root = new Int32Array(0x10000);
  const firstChild = new Int32Array(capacity);
  const nextSibling = new Int32Array(capacity);
  const edgeUnit = new Int32Array(capacity);
  const ownHead = new Int32Array(capacity).fill(-1);
  const ownNext = new Int32Array(patterns.length).fill(-1);
  const ownCount = new Int32Array(capacity);
  let nodeCount = 1;
  let edgeCount = 0;
  for (let p = 0; p < patterns.length; p++) {
    const pattern = patterns[p]!;
    let node = 0;
    for (let i = 0; i < pattern.length; i++) {
      const unit = pattern.charCodeAt(i);
      let next = 0;
      if (node === 0) next = root[unit]!;
      else for (let c = firstChild[node]!; c !== 0; c = nextSibling[c]!) if (edgeUnit[c] === unit) next = c;
      if (next === 0) {
        next = nodeCount++;
        edgeUnit[next] = unit;
        nextSibling[next] = firstChild[node]!;
        firstChild[node] = next;
        if (node === 0) root[unit] = next;
        else edgeCount++;
      }
      node = next;
    }
    if (pattern.length > 0) {
      ownNext[p] = ownHead[node]!;
      ownHead[node] = p;
      ownCount[node]!++;
    }
  }
  // Flatten the child lists, each sorted by unit (insertion sort: most lists are one or two long).
  const edgeStart = new Int32Array(nodeCount + 1);
  for (let node = 1; node < nodeCount; node++) {
    let count = 0;
    for (let c = firstChild[node]!; c !== 0; c = nextSibling[c]!) count++;
    edgeStart[node + 1] = edgeStart[node]! + count;
  }
  const edgeUnits = new Uint16Array(edgeCount);
  const edgeTarget = new Int32Array(edgeCount);
  for (let node = 1; node < nodeCount; node++) {
    const from = edgeStart[node]!;
    let end = from;
    for (let c = firstChild[node]!; c !== 0; c = nextSibling[c]!) {
      const unit = edgeUnit[c]!;
      let k = end++;
      while (k > from && edgeUnits[k - 1]! > unit) {
        edgeUnits[k] = edgeUnits[k - 1]!;
        edgeTarget[k] = edgeTarget[k - 1]!;
        k--;
      }
      edgeUnits[k] = unit;
      edgeTarget[k] = c;
    }
  }
  const outStart = new Int32Array(nodeCount + 1);
  for (let n = 0; n < nodeCount; n++) outStart[n + 1] = outStart[n]! + ownCount[n]!;
  const outPatterns = new Int32Array(outStart[nodeCount]!);
  for (let n = 0; n < nodeCount; n++) {
    let k = outStart[n]!;
    for (let p = ownHead[n]!; p !== -1; p = ownNext[p]!) outPatterns[k++] = p;
  }
  const patternLengths = Int32Array.from(patterns, (p) => p.length);
  const automaton: Automaton = {
    patternCount: patterns.length,
    patternLengths,
    root,
    edgeStart,
    edgeUnit: edgeUnits,
    edgeTarget,
    denseRows: 0,
    dense: new Uint16Array(0),
    fail: new Int32Array(nodeCount),
    dictLink: new Int32Array(nodeCount).fill(-1),
    outStart,
    outPatterns,
  };
  // Breadth-first: fail links and dictionary links.
  const queue = new Int32Array(nodeCount);
  let tail = 0;
  for (let c = firstChild[0]!; c !== 0; c = nextSibling[c]!) queue[tail++] = c;
  for (let q = 0; q < tail; q++) {
    const node = queue[q]!;
    for (let child = firstChild[node]!; child !== 0; child = nextSibling[child]!) {
      const unit = edgeUnit[child]!;
      let f = automaton.fail[node]!;
      let target = lookup(automaton, f, unit);
      while (target <= 0 && f !== 0) {
        f = automaton.fail[f]!;
        target = lookup(automaton, f, unit);
      }
      const failTo = target > 0 && target !== child ? target : 0;
      automaton.fail[child] = failTo;
      automaton.dictLink[child] =
        outStart[failTo + 1]! > outStart[failTo]! ? failTo : automaton.dictLink[failTo]!;
      queue[tail++] = child;
    }
  }
  return { automaton, order: queue };
}

/** How deep the states with dense ASCII rows go (depth ≤ 2 holds over half of a scan's steps). */
const DENSE_DEPTH = 2;
const DENSE_UNITS = 128;

/**
 * Builds the automaton for `patterns`: a trie with fail and dictionary links, states renumbered
 * breadth first, and dense ASCII rows for the states up to `DENSE_DEPTH`.
 */
export function buildAutomaton(patterns: readonly string[]): Automaton {
  const { automaton: a, order } = buildTrieAutomaton(patterns);
  const n = a.fail.length;
  const newId = new Int32Array(n);
  const oldId = new Int32Array(n);
  for (let k = 0; k < n - 1; k++) {
    newId[order[k]!] = k + 1;
    oldId[k + 1] = order[k]!;
  }
  const root = new Int32Array(a.root.length);
  for (let u = 0; u < root.length; u++) if (a.root[u] !== 0) root[u] = newId[a.root[u]!]!;
  const edgeStart = new Int32Array(n + 1);
  const edgeUnit = new Uint16Array(a.edgeUnit.length);
  const edgeTarget = new Int32Array(a.edgeTarget.length);
  const fail = new Int32Array(n);
  const dictLink = new Int32Array(n);
  const outStart = new Int32Array(n + 1);
  const outPatterns = new Int32Array(a.outPatterns.length);
  const depth = new Int32Array(n);
  for (let m = 1; m < n; m++) {
    const o = oldId[m]!;
    let e = edgeStart[m]!;
    for (let k = a.edgeStart[o]!; k < a.edgeStart[o + 1]!; k++, e++) {
      edgeUnit[e] = a.edgeUnit[k]!;
      edgeTarget[e] = newId[a.edgeTarget[k]!]!;
    }
    edgeStart[m + 1] = e;
    fail[m] = newId[a.fail[o]!]!;
    dictLink[m] = a.dictLink[o] === -1 ? -1 : newId[a.dictLink[o]!]!;
    let w = outStart[m]!;
    for (let k = a.outStart[o]!; k < a.outStart[o + 1]!; k++) outPatterns[w++] = a.outPatterns[k]!;
    outStart[m + 1] = w;
  }
  dictLink[0] = -1;
  // Depths: a state's depth is one more than its parent's, and parents come first.
  for (let u = 0; u < root.length; u++) if (root[u] !== 0) depth[root[u]!] = 1;
  for (let m = 1; m < n; m++) {
    for (let k = edgeStart[m]!; k < edgeStart[m + 1]!; k++) depth[edgeTarget[k]!] = depth[m]! + 1;
  }
  let denseRows = 1;
  while (denseRows < n && depth[denseRows]! <= DENSE_DEPTH) denseRows++;
  const dense = new Uint16Array(denseRows * DENSE_UNITS);
  const automaton: Automaton = {
    ...a,
    root,
    edgeStart,
    edgeUnit,
    edgeTarget,
    denseRows,
    dense,
    fail,
    dictLink,
    outStart,
    outPatterns,
  };
  for (let m = 0; m < denseRows; m++) {
    for (let u = 0; u < DENSE_UNITS; u++) {
      // A fail link points to a shallower state, whose row is already complete.
      const own = m === 0 ? root[u]! : lookup(automaton, m, u);
      const target = m === 0 || own > 0 ? own : dense[fail[m]! * DENSE_UNITS + u]!;
      if (target > 0xffff) throw new Error('automaton: a dense-row target does not fit 16 bits');
      dense[m * DENSE_UNITS + u] = target;
    }
  }
  return automaton;
}

/** The state after reading `unit` in state `node` (following fail links as needed). */
export function nextState(a: Automaton, node: number, unit: number): number {
  for (;;) {
    if (node < a.denseRows && unit < DENSE_UNITS) return a.dense[node * DENSE_UNITS + unit]!;
    if (node === 0) return a.root[unit]!;
    const next = lookup(a, node, unit);
    if (next > 0) return next;
    node = a.fail[node]!;
  }
}

/** Calls `onMatch(pattern, end)` for every occurrence; `end` is exclusive. */
export function scanAutomaton(
  a: Automaton,
  text: string,
  onMatch: (pattern: number, end: number) => void,
): void {
  let node = 0;
  for (let i = 0; i < text.length; i++) {
    node = nextState(a, node, text.charCodeAt(i));
    if (node === 0) continue;
    for (let m = node; m !== -1; m = a.dictLink[m]!) {
      for (let k = a.outStart[m]!; k < a.outStart[m + 1]!; k++) onMatch(a.outPatterns[k]!, i + 1);
    }
  }
}

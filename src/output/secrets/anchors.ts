import { lowerCode } from './chars.js';
import type { Anchor } from './types.js';

interface TrieNode {
  readonly next: Map<number, TrieNode>;
  /** Anchors (by index into the compiled list) that end at this node. */
  readonly ends: number[];
}

function node(): TrieNode {
  return { next: new Map(), ends: [] };
}

/**
 * A trie of anchor prefixes, walked from every position of the text. Work per position is bounded
 * by the longest anchor (about 20 code units), so a scan is linear in the text. Case-insensitive
 * anchors live in a second trie that is walked with ASCII-lower-cased code units.
 */
export interface AnchorTrie {
  readonly exact: TrieNode;
  readonly folded: TrieNode;
  readonly count: number;
  /** Per code unit: 1 when an exact anchor starts with it, 2 when a folded one does. */
  readonly starts: Uint8Array;
}

export function buildAnchorTrie(anchors: readonly Anchor[]): AnchorTrie {
  const exact = node();
  const folded = node();
  anchors.forEach((anchor, index) => {
    if (anchor.pattern.length === 0) throw new Error('empty anchor');
    let at = anchor.ignoreCase ? folded : exact;
    for (let i = 0; i < anchor.pattern.length; i++) {
      const code = anchor.ignoreCase ? lowerCode(anchor.pattern.charCodeAt(i)) : anchor.pattern.charCodeAt(i);
      let child = at.next.get(code);
      if (!child) {
        child = node();
        at.next.set(code, child);
      }
      at = child;
    }
    at.ends.push(index);
  });
  const starts = new Uint8Array(0x10000);
  for (const code of exact.next.keys()) starts[code]! |= 1;
  for (const code of folded.next.keys()) {
    starts[code]! |= 2;
    if (code >= 97 && code <= 122) starts[code - 32]! |= 2;
  }
  return { exact, folded, count: anchors.length, starts };
}

function walk(
  root: TrieNode,
  text: string,
  start: number,
  fold: boolean,
  onMatch: (anchor: number, start: number) => void,
): void {
  let at: TrieNode | undefined = root;
  for (let i = start; i < text.length; i++) {
    const code = fold ? lowerCode(text.charCodeAt(i)) : text.charCodeAt(i);
    at = at.next.get(code);
    if (!at) return;
    for (const anchor of at.ends) onMatch(anchor, start);
  }
}

/** Calls `onMatch(anchorIndex, start)` for every occurrence of every anchor, in text order. */
export function scanAnchors(
  trie: AnchorTrie,
  text: string,
  onMatch: (anchor: number, start: number) => void,
): void {
  const starts = trie.starts;
  for (let i = 0; i < text.length; i++) {
    const flags = starts[text.charCodeAt(i)]!;
    if (flags === 0) continue;
    if (flags & 1) walk(trie.exact, text, i, false, onMatch);
    if (flags & 2) walk(trie.folded, text, i, true, onMatch);
  }
}

/** True when an anchor of `trie` starts at `start` (a walk of at most the longest anchor). */
export function startsWithAnchor(trie: AnchorTrie, text: string, start: number): boolean {
  let found = false;
  const flags = trie.starts[text.charCodeAt(start)] ?? 0;
  if (flags & 1)
    walk(trie.exact, text, start, false, () => {
      found = true;
    });
  if (!found && flags & 2)
    walk(trie.folded, text, start, true, () => {
      found = true;
    });
  return found;
}

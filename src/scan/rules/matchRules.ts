import { isUnspacedScript, isWordUnit } from '../normalise/index.js';
import { nextState } from './ahoCorasick.js';
import type { CompiledRules } from './compile.js';

/** Where a rule matched, in normalised offsets, and how many times it matched in the text. */
export interface RawRuleMatch {
  readonly rule: number;
  readonly start: number;
  readonly end: number;
  readonly count: number;
}

/** A neighbour that makes a spaced-script term part of a longer word; Han, Kana and Hangul do not ("是AI"). */
function continuesWord(unit: number): boolean {
  return isWordUnit(unit) && !isUnspacedScript(unit);
}

/** How far a stem's match extends into the rest of its word. */
const MAX_STEM_SUFFIX = 24;

interface StepState {
  stamp: Uint32Array;
  seqStart: Int32Array;
  lastEnd: Int32Array;
  generation: number;
}

const states = new WeakMap<CompiledRules, StepState>();

function stateFor(compiled: CompiledRules): StepState {
  let state = states.get(compiled);
  if (state === undefined) {
    state = {
      stamp: new Uint32Array(compiled.totalSteps),
      seqStart: new Int32Array(compiled.totalSteps),
      lastEnd: new Int32Array(compiled.totalSteps),
      generation: 0,
    };
    states.set(compiled, state);
  }
  return state;
}

/**
 * Finds every rule whose term sequence occurs in `text` (already normalised). One automaton
 * pass yields term occurrences in order of their end; each occurrence advances the rules it
 * belongs to, so the whole match is linear in the text and the number of term occurrences.
 */
export function matchRules(compiled: CompiledRules, text: string): RawRuleMatch[] {
  const state = stateFor(compiled);
  // A generation stamp marks which step states belong to this call, so nothing is cleared.
  state.generation = (state.generation + 1) >>> 0;
  if (state.generation === 0) {
    state.stamp.fill(0);
    state.generation = 1;
  }
  const gen = state.generation;
  const found = new Map<number, { start: number; end: number; count: number }>();
  const { automaton, needsStartBoundary, needsEndBoundary, stepsStart, stepRule, stepIndex } = compiled;

  const { outStart, outPatterns, dictLink, patternLengths } = automaton;
  let node = 0;
  // The automaton walk is inlined (not `scanAutomaton` with a callback): a call per term
  // occurrence was a fifth of the matcher's time.
  for (let i = 0; i < text.length; i++) {
    node = nextState(automaton, node, text.charCodeAt(i));
    if (node === 0) continue;
    const patternEnd = i + 1;
    for (let m = node; m !== -1; m = dictLink[m]!) {
      for (let o = outStart[m]!; o < outStart[m + 1]!; o++) {
        const pattern = outPatterns[o]!;
        const start = patternEnd - patternLengths[pattern]!;
        if (needsStartBoundary[pattern] === 1 && start > 0 && continuesWord(text.charCodeAt(start - 1)))
          continue;
        if (
          needsEndBoundary[pattern] === 1 &&
          patternEnd < text.length &&
          continuesWord(text.charCodeAt(patternEnd))
        )
          continue;
        let end = patternEnd;
        if (compiled.isStem[pattern] === 1) {
          // A stem's occurrence runs to the end of its word (bounded, so the pass stays linear).
          const limit = Math.min(text.length, end + MAX_STEM_SUFFIX);
          while (end < limit && continuesWord(text.charCodeAt(end))) end++;
        }
        for (let k = stepsStart[pattern]!; k < stepsStart[pattern + 1]!; k++) {
          const rule = stepRule[k]!;
          const step = stepIndex[k]!;
          const base = compiled.ruleStepBase[rule]!;
          const slot = base + step;
          let seqStart: number;
          if (step === 0) {
            seqStart = start;
          } else {
            const prev = slot - 1;
            if (state.stamp[prev] !== gen) continue;
            const gap = start - state.lastEnd[prev]!;
            if (gap < 0 || gap > compiled.ruleWindow[rule]!) continue;
            seqStart = state.seqStart[prev]!;
          }
          if (step === compiled.ruleStepCount[rule]! - 1) {
            const hit = found.get(rule);
            if (hit === undefined) found.set(rule, { start: seqStart, end, count: 1 });
            else hit.count++;
          } else {
            state.stamp[slot] = gen;
            state.seqStart[slot] = seqStart;
            state.lastEnd[slot] = end;
          }
        }
      }
    }
  }
  const result: RawRuleMatch[] = [];
  for (const [rule, hit] of found) result.push({ rule, ...hit });
  return result;
}

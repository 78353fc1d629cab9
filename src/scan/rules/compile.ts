import { isUnspacedScript, isWordUnit, normaliseForDetection } from '../normalise/index.js';
import { type Automaton, buildAutomaton } from './ahoCorasick.js';
import type { PhraseRule } from './types.js';

export const DEFAULT_WINDOW = 40;

/** Rules turned into one automaton plus the tables the sequence matcher walks. */
export interface CompiledRules {
  readonly rules: readonly PhraseRule[];
  readonly automaton: Automaton;
  /** Per pattern: must the unit before it / after it be a non-word unit? */
  readonly needsStartBoundary: Uint8Array;
  readonly needsEndBoundary: Uint8Array;
  /** Per pattern: the (rule, step) pairs it can fill, steps in descending order. */
  readonly stepsStart: Int32Array;
  readonly stepRule: Int32Array;
  readonly stepIndex: Int32Array;
  /** Per rule: offset of its first step in the per-step state arrays, and its step count. */
  readonly ruleStepBase: Int32Array;
  readonly ruleStepCount: Int32Array;
  readonly ruleWindow: Int32Array;
  readonly totalSteps: number;
}

function boundaryMatters(unit: number): boolean {
  return isWordUnit(unit) && !isUnspacedScript(unit);
}

/** Validates and compiles rules. Throws on a malformed rule: rules are code, reviewed like code. */
export function compileRules(rules: readonly PhraseRule[]): CompiledRules {
  const patternIndex = new Map<string, number>();
  const patterns: string[] = [];
  const stems: boolean[] = [];
  const pairs: Array<Array<[number, number]>> = [];
  const ruleStepBase = new Int32Array(rules.length);
  const ruleStepCount = new Int32Array(rules.length);
  const ruleWindow = new Int32Array(rules.length);
  const ids = new Set<string>();
  let totalSteps = 0;
  rules.forEach((rule, r) => {
    if (ids.has(rule.id)) throw new Error(`duplicate rule id ${rule.id}`);
    ids.add(rule.id);
    if (!(rule.weight > 0 && rule.weight <= 1)) throw new Error(`rule ${rule.id}: weight must be in (0, 1]`);
    if (rule.sequence.length === 0) throw new Error(`rule ${rule.id}: empty sequence`);
    ruleStepBase[r] = totalSteps;
    ruleStepCount[r] = rule.sequence.length;
    ruleWindow[r] = rule.window ?? DEFAULT_WINDOW;
    totalSteps += rule.sequence.length;
    rule.sequence.forEach((terms, step) => {
      if (terms.length === 0) throw new Error(`rule ${rule.id}: step ${step} has no terms`);
      for (const term of terms) {
        const stem = term.endsWith('*');
        const text = normaliseForDetection(stem ? term.slice(0, -1) : term).text;
        if (text.length === 0) throw new Error(`rule ${rule.id}: term ${JSON.stringify(term)} is empty once normalised`);
        const key = `${stem ? '*' : '='}${text}`;
        let p = patternIndex.get(key);
        if (p === undefined) {
          p = patterns.length;
          patternIndex.set(key, p);
          patterns.push(text);
          stems.push(stem);
          pairs.push([]);
        }
        const list = pairs[p]!;
        if (!list.some(([lr, ls]) => lr === r && ls === step)) list.push([r, step]);
      }
    });
  });
  const automaton = buildAutomaton(patterns);
  const needsStartBoundary = new Uint8Array(patterns.length);
  const needsEndBoundary = new Uint8Array(patterns.length);
  patterns.forEach((text, p) => {
    needsStartBoundary[p] = boundaryMatters(text.charCodeAt(0)) ? 1 : 0;
    needsEndBoundary[p] = !stems[p] && boundaryMatters(text.charCodeAt(text.length - 1)) ? 1 : 0;
  });
  const stepsStart = new Int32Array(patterns.length + 1);
  for (let p = 0; p < patterns.length; p++) stepsStart[p + 1] = stepsStart[p]! + pairs[p]!.length;
  const stepRule = new Int32Array(stepsStart[patterns.length]!);
  const stepIndex = new Int32Array(stepsStart[patterns.length]!);
  for (let p = 0; p < patterns.length; p++) {
    const sorted = pairs[p]!.sort((a, b) => b[1] - a[1]);
    sorted.forEach(([r, s], k) => {
      stepRule[stepsStart[p]! + k] = r;
      stepIndex[stepsStart[p]! + k] = s;
    });
  }
  return {
    rules,
    automaton,
    needsStartBoundary,
    needsEndBoundary,
    stepsStart,
    stepRule,
    stepIndex,
    ruleStepBase,
    ruleStepCount,
    ruleWindow,
    totalSteps,
  };
}

import { isUnspacedScript, isWordUnit, normaliseText } from '../normalise/index.js';
import { type Automaton, buildAutomaton } from './ahoCorasick.js';
import type { PhraseRule } from './types.js';

export const DEFAULT_WINDOW = 40;

/** What a finding needs to know about a rule; the terms themselves live in the tables. */
export interface RuleMeta {
  readonly id: string;
  readonly lang: PhraseRule['lang'];
  readonly category: PhraseRule['category'];
  readonly weight: number;
  readonly window: number;
  readonly steps: number;
  readonly indirectOnly?: boolean;
}

/**
 * Rules after validation and normalisation, as plain data: the deduplicated normalised terms
 * and which (rule, step) each can fill. `compileTables` turns them into the automaton; the
 * shipped rules arrive already compiled (`compiled-rules.bin`, see `rulesBinary.ts`).
 */
export interface RuleTables {
  readonly version: 1;
  readonly rules: readonly RuleMeta[];
  readonly patterns: readonly string[];
  /** 1 where the pattern is a stem. */
  readonly stems: readonly number[];
  readonly stepsStart: readonly number[];
  readonly stepRule: readonly number[];
  readonly stepIndex: readonly number[];
}

/** Rules turned into one automaton plus the tables the sequence matcher walks. */
export interface CompiledRules {
  readonly rules: readonly RuleMeta[];
  readonly automaton: Automaton;
  /** Per pattern: must the unit before it / after it be a non-word unit? */
  readonly needsStartBoundary: Uint8Array;
  readonly needsEndBoundary: Uint8Array;
  /** Per pattern: 1 when it is a stem (`instruct*`). */
  readonly isStem: Uint8Array;
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

/** Plain lower-case ASCII words separated by single spaces are already in normal form. */
function isPlainTerm(term: string): boolean {
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    const letter = c >= 0x61 && c <= 0x7a;
    const space = c === 0x20 && i > 0 && i < term.length - 1 && term.charCodeAt(i - 1) !== 0x20;
    if (!letter && !space) return false;
  }
  // Three or more single letters in a row would be joined by the normaliser.
  return !/(?:^| )[a-z] [a-z] [a-z](?: |$)/.test(term);
}

function boundaryMatters(unit: number): boolean {
  return isWordUnit(unit) && !isUnspacedScript(unit);
}

/** Validates and normalises rules into tables. Throws on a malformed rule: rules are code, reviewed like code. */
export function prepareRules(rules: readonly PhraseRule[]): RuleTables {
  const patternIndex = new Map<string, number>();
  const patterns: string[] = [];
  const stems: number[] = [];
  const pairs: Array<Array<[number, number]>> = [];
  const metas: RuleMeta[] = [];
  const ids = new Set<string>();
  const normalised = new Map<string, string>();
  const normalise = (raw: string): string => {
    let text = normalised.get(raw);
    if (text === undefined) {
      text = isPlainTerm(raw) ? raw : normaliseText(raw);
      normalised.set(raw, text);
    }
    return text;
  };
  rules.forEach((rule, r) => {
    if (ids.has(rule.id)) throw new Error(`duplicate rule id ${rule.id}`);
    ids.add(rule.id);
    if (!(rule.weight > 0 && rule.weight <= 1)) throw new Error(`rule ${rule.id}: weight must be in (0, 1]`);
    if (rule.sequence.length === 0) throw new Error(`rule ${rule.id}: empty sequence`);
    const meta: RuleMeta = {
      id: rule.id,
      lang: rule.lang,
      category: rule.category,
      weight: rule.weight,
      window: rule.window ?? DEFAULT_WINDOW,
      steps: rule.sequence.length,
    };
    metas.push(rule.indirectOnly === true ? { ...meta, indirectOnly: true } : meta);
    rule.sequence.forEach((terms, step) => {
      if (terms.length === 0) throw new Error(`rule ${rule.id}: step ${step} has no terms`);
      for (const term of terms) {
        if (typeof term !== 'string')
          throw new Error(`rule ${rule.id}: step ${step} has a term that is not a string`);
        const stem = term.endsWith('*');
        const text = normalise(stem ? term.slice(0, -1) : term);
        if (text.length === 0)
          throw new Error(`rule ${rule.id}: term ${JSON.stringify(term)} is empty once normalised`);
        const key = `${stem ? '*' : '='}${text}`;
        let p = patternIndex.get(key);
        if (p === undefined) {
          p = patterns.length;
          patternIndex.set(key, p);
          patterns.push(text);
          stems.push(stem ? 1 : 0);
          pairs.push([]);
        }
        const list = pairs[p]!;
        if (!list.some(([lr, ls]) => lr === r && ls === step)) list.push([r, step]);
      }
    });
  });
  const stepsStart = [0];
  const stepRule: number[] = [];
  const stepIndex: number[] = [];
  for (const list of pairs) {
    list.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (const [r, step] of list) {
      stepRule.push(r);
      stepIndex.push(step);
    }
    stepsStart.push(stepRule.length);
  }
  return { version: 1, rules: metas, patterns, stems, stepsStart, stepRule, stepIndex };
}

/** Builds the automaton and matcher tables from prepared tables. */
export function compileTables(tables: RuleTables): CompiledRules {
  const { patterns, stems, rules } = tables;
  if (
    tables.version !== 1 ||
    stems.length !== patterns.length ||
    tables.stepsStart.length !== patterns.length + 1 ||
    tables.stepRule.length !== tables.stepIndex.length
  ) {
    throw new Error('rule tables are inconsistent; regenerate them with npm run build:rules');
  }
  const automaton = buildAutomaton(patterns);
  const needsStartBoundary = new Uint8Array(patterns.length);
  const needsEndBoundary = new Uint8Array(patterns.length);
  const isStem = Uint8Array.from(stems);
  for (let p = 0; p < patterns.length; p++) {
    const text = patterns[p]!;
    needsStartBoundary[p] = boundaryMatters(text.charCodeAt(0)) ? 1 : 0;
    needsEndBoundary[p] = stems[p] === 0 && boundaryMatters(text.charCodeAt(text.length - 1)) ? 1 : 0;
  }
  const ruleStepBase = new Int32Array(rules.length);
  const ruleStepCount = new Int32Array(rules.length);
  const ruleWindow = new Int32Array(rules.length);
  let totalSteps = 0;
  rules.forEach((rule, r) => {
    ruleStepBase[r] = totalSteps;
    ruleStepCount[r] = rule.steps;
    ruleWindow[r] = rule.window;
    totalSteps += rule.steps;
  });
  return {
    rules,
    automaton,
    needsStartBoundary,
    needsEndBoundary,
    isStem,
    stepsStart: Int32Array.from(tables.stepsStart),
    stepRule: Int32Array.from(tables.stepRule),
    stepIndex: Int32Array.from(tables.stepIndex),
    ruleStepBase,
    ruleStepCount,
    ruleWindow,
    totalSteps,
  };
}

/** Validates, normalises and compiles rules in one go (tests, custom rule sets). */
export function compileRules(rules: readonly PhraseRule[]): CompiledRules {
  return compileTables(prepareRules(rules));
}

import { expandForDetection, type ScanUnit } from '../decode/index.js';
import { toOriginalSpans } from '../normalise/index.js';
import type { CompiledRules } from './compile.js';
import { defaultCompiledRules } from './defaultRules.js';
import { matchRules } from './matchRules.js';
import type { InjectionCategory } from './types.js';

/** A phrase rule that matched, with its span in the caller's original text. */
export interface RuleMatch {
  readonly ruleId: string;
  readonly category: InjectionCategory;
  readonly weight: number;
  readonly start: number;
  readonly end: number;
  /** Encodings peeled off to find it (empty when it was in plain sight). */
  readonly encodings: readonly string[];
  /** How many times the rule matched across all units. */
  readonly count: number;
}

/** Runs the rules over every unit; one match per rule, preferring the one found in plain text. */
export function matchUnits(
  units: readonly ScanUnit[],
  compiled: CompiledRules,
  indirect: boolean,
): RuleMatch[] {
  const best = new Map<number, RuleMatch>();
  for (const unit of units) {
    const fresh: Array<{ rule: number; start: number; end: number; count: number }> = [];
    for (const raw of matchRules(compiled, unit.mapped.text)) {
      const rule = compiled.rules[raw.rule]!;
      if (rule.indirectOnly === true && !indirect) continue;
      const previous = best.get(raw.rule);
      if (previous !== undefined) {
        best.set(raw.rule, { ...previous, count: previous.count + raw.count });
        continue;
      }
      fresh.push(raw);
    }
    // One offset pass per unit for all its new matches.
    const spans = toOriginalSpans(unit.mapped, fresh);
    fresh.forEach((raw, k) => {
      const rule = compiled.rules[raw.rule]!;
      best.set(raw.rule, {
        ruleId: rule.id,
        category: rule.category,
        weight: rule.weight,
        start: spans[k]!.start,
        end: spans[k]!.end,
        encodings: unit.encodings,
        count: raw.count,
      });
    });
  }
  return [...best.values()].sort((a, b) => a.start - b.start || b.weight - a.weight);
}

/** The rule detector on its own: normalises, decodes embedded encodings and matches. */
export function detectRuleMatches(
  text: string,
  options: { readonly indirect?: boolean; readonly rules?: CompiledRules } = {},
): RuleMatch[] {
  return matchUnits(
    expandForDetection(text),
    options.rules ?? defaultCompiledRules,
    options.indirect ?? false,
  );
}

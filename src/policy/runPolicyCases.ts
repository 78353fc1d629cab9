import type { PolicyDecision } from './decision.js';
import type { PolicyCase, PolicyCaseFile } from './policyCases.js';
import type { PolicyEngine } from './policyEngine.js';
import type { PolicyRequest } from './request.js';

export interface PolicyCaseResult {
  readonly name: string;
  readonly passed: boolean;
  readonly decision: PolicyDecision;
  /** Why it failed, one line per mismatch; empty when it passed. */
  readonly mismatches: readonly string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** `over` on top of `under`: objects merge key by key, anything else in `over` replaces. */
export function mergeDefaults(under: unknown, over: unknown): unknown {
  if (!isPlainObject(under) || !isPlainObject(over)) return over === undefined ? under : over;
  const out: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) out[key] = mergeDefaults(under[key], value);
  return out;
}

function list(ids: readonly string[]): string {
  return ids.length === 0 ? '(none)' : ids.join(', ');
}

function judge(testCase: PolicyCase, decision: PolicyDecision): string[] {
  const { expect } = testCase;
  const mismatches: string[] = [];
  if (decision.decision !== expect.decision)
    mismatches.push(
      `expected ${expect.decision}, got ${decision.decision} (policies: ${list(decision.policies)})`,
    );
  if (expect.lane !== undefined && decision.lane !== expect.lane)
    mismatches.push(
      `expected lane ${expect.lane}, got ${decision.lane} (policies: ${list(decision.policies)})`,
    );
  if (expect.policies !== undefined) {
    const want = [...expect.policies].sort();
    const got = [...decision.policies].sort();
    if (want.join('\u0000') !== got.join('\u0000'))
      mismatches.push(`expected policies ${list(want)}, got ${list(got)}`);
  }
  const failed = decision.errors.length > 0;
  if (failed && expect.errors !== true)
    mismatches.push(`the decision failed closed: ${decision.errors.join('; ')}`);
  if (!failed && expect.errors === true) mismatches.push('expected the decision to fail closed, it did not');
  return mismatches;
}

/** Runs every case against an engine. A case that fails closed fails unless it says `errors: true`. */
export function runPolicyCases(engine: PolicyEngine, file: PolicyCaseFile): PolicyCaseResult[] {
  return file.cases.map((testCase) => {
    const request = mergeDefaults(file.defaults ?? {}, testCase.request) as PolicyRequest;
    const decision = engine.decide(request);
    const mismatches = judge(testCase, decision);
    return { name: testCase.name, passed: mismatches.length === 0, decision, mismatches };
  });
}

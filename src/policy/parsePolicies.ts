import { checkParsePolicySet, policyToJson } from '@cedar-policy/cedar-wasm/nodejs';
import type { Lane } from '../core/index.js';
import { type ActionScope, actionScopeOf } from './actionScope.js';
import { type Escalation, readAnnotations } from './annotations.js';
import { type PolicyProblem, problemAt, type TextOrigin } from './problems.js';
import { positionAt } from './sourceLocation.js';
import type { SourceFile } from './sources.js';
import { splitPolicies } from './splitPolicies.js';

/** One policy of a set, parsed: where it is, what it is, and what maestro reads from it. */
export interface ParsedPolicy {
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The policy's Cedar text, as written. */
  readonly text: string;
  readonly effect: 'permit' | 'forbid';
  readonly scope: ActionScope;
  readonly lane: Lane | undefined;
  readonly escalate: Escalation | undefined;
  readonly annotations: Readonly<Record<string, string>>;
  /** For placing Cedar's validation errors (offsets into `text`). */
  readonly origin: TextOrigin;
}

/**
 * Parses every policy file: each policy gets a stable id (`@id("…")`, else `file#n`, n counting
 * from 1 in the file) and its place in the file. Templates are refused: a policy set is static data.
 */
export function parsePolicies(files: readonly SourceFile[]): {
  policies: ParsedPolicy[];
  problems: PolicyProblem[];
} {
  const policies: ParsedPolicy[] = [];
  const problems: PolicyProblem[] = [];
  const byId = new Map<string, ParsedPolicy>();
  for (const file of files) {
    const whole: TextOrigin = { file: file.name, fileText: file.text, start: 0, text: file.text };
    const parsed = checkParsePolicySet({ staticPolicies: file.text });
    if (parsed.type === 'failure') {
      for (const error of parsed.errors) problems.push(problemAt(error, whole));
      continue;
    }
    const chunks = splitPolicies(file.text);
    if (chunks === undefined) {
      problems.push({
        severity: 'error',
        message: 'the file could not be cut into policies',
        file: file.name,
      });
      continue;
    }
    for (const [index, chunk] of chunks.entries()) {
      const origin: TextOrigin = {
        file: file.name,
        fileText: file.text,
        start: chunk.start,
        text: chunk.text,
      };
      const answer = policyToJson(chunk.text);
      if (answer.type === 'failure') {
        for (const error of answer.errors) problems.push(problemAt(error, origin));
        continue;
      }
      const { line, column } = positionAt(file.text, chunk.start);
      const annotations = answer.json.annotations ?? {};
      const read = readAnnotations(answer.json.effect, annotations);
      const id = read.annotations.id ?? `${file.name}#${index + 1}`;
      for (const message of read.problems)
        problems.push({ severity: 'error', message, file: file.name, line, column, policyId: id });
      const policy: ParsedPolicy = {
        id,
        file: file.name,
        line,
        column,
        text: chunk.text,
        effect: answer.json.effect,
        scope: actionScopeOf(answer.json.action),
        lane: read.annotations.lane,
        escalate: read.annotations.escalate,
        annotations,
        origin,
      };
      const earlier = byId.get(id);
      if (earlier !== undefined) {
        problems.push({
          severity: 'error',
          message: `duplicate policy id "${id}" (also at ${earlier.file}:${earlier.line})`,
          file: file.name,
          line,
          column,
          policyId: id,
        });
        continue;
      }
      byId.set(id, policy);
      policies.push(policy);
    }
  }
  return { policies, problems };
}

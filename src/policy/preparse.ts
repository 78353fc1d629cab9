import { createHash } from 'node:crypto';
import { preparsePolicySet, preparseSchema } from '@cedar-policy/cedar-wasm/nodejs';
import { cedarMessage } from './problems.js';

function digest(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part}\u0000`);
  return hash.digest('hex').slice(0, 32);
}

/**
 * Cedar's wasm binding keeps pre-parsed schemas and policy sets in one table per process, by
 * name, with no way to remove one. Names here are digests of the content, so engines never
 * overwrite each other's sets (the same name always holds the same content) and building the
 * same engine again reuses the entry instead of growing the table.
 */
export function preparseSchemaText(text: string): string {
  const name = `maestro-schema-${digest([text])}`;
  const answer = preparseSchema(name, text);
  if (answer.type === 'failure') throw new Error(answer.errors.map(cedarMessage).join('; '));
  return name;
}

/** Pre-parses policies (id → text) and returns the name to evaluate them by. */
export function preparsePolicies(
  policies: ReadonlyArray<{ readonly id: string; readonly text: string }>,
): string {
  const name = `maestro-policies-${digest(policies.flatMap((policy) => [policy.id, policy.text]))}`;
  const answer = preparsePolicySet(name, {
    staticPolicies: Object.fromEntries(policies.map((policy) => [policy.id, policy.text])),
  });
  if (answer.type === 'failure') throw new Error(answer.errors.map(cedarMessage).join('; '));
  return name;
}

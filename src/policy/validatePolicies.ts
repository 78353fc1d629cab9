import { validate } from '@cedar-policy/cedar-wasm/nodejs';
import type { ParsedPolicy } from './parsePolicies.js';
import { cedarMessage, type PolicyProblem, problemAt } from './problems.js';

/** Cedar's validator in strict mode: every policy against every action it can apply to. */
export function validatePolicies(schemaText: string, policies: readonly ParsedPolicy[]): PolicyProblem[] {
  const byId = new Map(policies.map((policy) => [policy.id, policy]));
  const answer = validate({
    schema: schemaText,
    policies: { staticPolicies: Object.fromEntries(policies.map((policy) => [policy.id, policy.text])) },
    validationSettings: { mode: 'strict' },
  });
  if (answer.type === 'failure')
    return answer.errors.map((error) => ({ severity: 'error', message: cedarMessage(error) }));
  const problems: PolicyProblem[] = [];
  const place = (
    found: { policyId: string; error: Parameters<typeof cedarMessage>[0] },
    severity: 'error' | 'warning',
  ): PolicyProblem => {
    const policy = byId.get(found.policyId);
    return policy === undefined
      ? { severity, message: cedarMessage(found.error), policyId: found.policyId }
      : problemAt(found.error, policy.origin, severity, policy.id);
  };
  for (const error of answer.validationErrors) problems.push(place(error, 'error'));
  for (const warning of answer.validationWarnings) problems.push(place(warning, 'warning'));
  for (const warning of answer.otherWarnings)
    problems.push({ severity: 'warning', message: cedarMessage(warning) });
  return problems;
}

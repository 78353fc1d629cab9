import { type LoadPolicySetOptions, loadPolicySet } from './loadPolicySet.js';
import { createPolicyEngine, type PolicyEngine, type PolicyEngineOptions } from './policyEngine.js';

export type LoadPolicyEngineOptions = LoadPolicySetOptions & Omit<PolicyEngineOptions, 'policies' | 'schema'>;

/** Reads a policy set from disk and starts an engine on it; throws `PolicyInvalidError` if it is not valid. */
export function loadPolicyEngine(options: LoadPolicyEngineOptions): PolicyEngine {
  const sources = loadPolicySet(options);
  return createPolicyEngine({ ...options, policies: sources.policies, schema: sources.schemas });
}

/**
 * Policy as code (C8 ABAC for writes, C13 policies versioned as code): Cedar policies decide
 * whether a tool call is allowed and in which lane it runs. A policy set is data (`.cedar` files
 * and a schema extending the shipped base schema), validated in strict mode before an engine
 * starts; decisions are synchronous, fail closed, and evaluate only the slice of the set that can
 * apply to the tool.
 */
export { ESCALATIONS, type Escalation } from './annotations.js';
export { BASE_SCHEMA_NAME, BASE_SCHEMA_URL, readBaseSchema } from './baseSchema.js';
export { checkPolicySet, type PolicySetCheck } from './checkPolicySet.js';
export type { PolicySetInput } from './compilePolicySet.js';
export { EVALUATION_ERROR, type PolicyDecision } from './decision.js';
export { ENTITY_ID_MAX, entityIdProblem } from './entityIds.js';
export { type LoadPolicyEngineOptions, loadPolicyEngine } from './loadPolicyEngine.js';
export { type LoadPolicySetOptions, loadPolicySet } from './loadPolicySet.js';
export {
  ACTION_TYPE,
  AGENT_TYPE,
  effectActionId,
  MAESTRO_NAMESPACE,
  TOOL_EFFECTS,
  TOOL_TYPE,
  type ToolEffect,
  toolActionId,
  USER_TYPE,
} from './names.js';
export { PolicyInvalidError } from './PolicyInvalidError.js';
export {
  type PolicyCase,
  type PolicyCaseFile,
  type PolicyExpectation,
  parsePolicyCases,
  policyCaseFileSchema,
} from './policyCases.js';
export {
  createPolicyEngine,
  type PolicyEngine,
  type PolicyEngineOptions,
  type PolicyInfo,
  type PolicyTool,
} from './policyEngine.js';
export { formatProblem, type PolicyProblem } from './problems.js';
export { REQUEST_LIMITS } from './projectValue.js';
export type { EntityRef, PolicyEntity, PolicyPrincipal, PolicyRequest, PolicyResource } from './request.js';
export { mergeDefaults, type PolicyCaseResult, runPolicyCases } from './runPolicyCases.js';
export type { PolicySetSources, SourceFile } from './sources.js';

import {
  type EntityJson,
  type StatefulAuthorizationCall,
  statefulIsAuthorized,
} from '@cedar-policy/cedar-wasm/nodejs';
import type { Lane } from '../core/index.js';
import type { ActionScope } from './actionScope.js';
import type { Escalation } from './annotations.js';
import { buildCedarRequest } from './buildCedarRequest.js';
import { type CompiledPolicySet, compilePolicySet, type PolicySetInput } from './compilePolicySet.js';
import { decisionFromAnswer, failClosed, type PolicyDecision, type PolicyRole } from './decision.js';
import { type ToolEffect, toolActionId } from './names.js';
import { PolicyInvalidError } from './PolicyInvalidError.js';
import { preparsePolicies, preparseSchemaText } from './preparse.js';
import type { PolicyProblem } from './problems.js';
import type { PolicyRequest } from './request.js';
import { RequestError } from './requestError.js';
import { slicePolicies } from './slicePolicies.js';

export interface PolicyEngineOptions extends PolicySetInput {
  /**
   * Evaluate each tool's requests against its slice of the set (default), or against the whole
   * set (`false`: the reference the slicing is tested and measured against).
   */
  readonly slicing?: boolean;
  /** Epoch milliseconds for requests without a `time`; default `Date.now`. */
  readonly clock?: () => number;
  /**
   * Also have Cedar validate every request against the schema (default false). Requests are
   * always built from the schema (declared types, declared attributes only, ids checked), so
   * this is a second check. It costs about 60 µs per decision in the policy benchmark, and
   * grows by about 0.5 µs per action the schema declares: Cedar rebuilds every action entity
   * of the schema on each call.
   */
  readonly cedarValidation?: boolean;
}

/** A policy as the engine knows it, for showing why a decision was made. */
export interface PolicyInfo {
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly effect: 'permit' | 'forbid';
  readonly lane: Lane | undefined;
  readonly escalate: Escalation | undefined;
  readonly annotations: Readonly<Record<string, string>>;
  /** `all`, or the action uids its scope names (`Maestro::Action::"effect:write"`). */
  readonly actions: 'all' | readonly string[];
  readonly text: string;
}

/** A tool the schema declares, with the policies its requests are evaluated against. */
export interface PolicyTool {
  readonly name: string;
  /** `Maestro::Action::"tool:<name>"`. */
  readonly action: string;
  readonly effects: readonly ToolEffect[];
  readonly principalTypes: readonly string[];
  readonly resourceTypes: readonly string[];
  /** Ids of the policies in the tool's slice (all policies when slicing is off). */
  readonly policies: readonly string[];
}

export interface PolicyEngine {
  /**
   * Decides one request: synchronous, no I/O, never throws. Anything that goes wrong (a request
   * that does not fit the schema, a policy that errs, an exception in Cedar) is a deny with lane
   * `block` and `ERR_POLICY_EVALUATION` in `errors`.
   */
  decide(request: PolicyRequest): PolicyDecision;
  /** Digest of the schema and policies (see `policySetFingerprint`). */
  readonly fingerprint: string;
  readonly policies: readonly PolicyInfo[];
  policy(id: string): PolicyInfo | undefined;
  readonly tools: readonly PolicyTool[];
  tool(name: string): PolicyTool | undefined;
  /** Validator warnings of the set (errors would have stopped it). */
  readonly warnings: readonly PolicyProblem[];
  /** The composed schema the policies were validated against, in Cedar format. */
  readonly schemaText: string;
}

function scopeActions(scope: ActionScope): 'all' | readonly string[] {
  if (scope.kind === 'all') return 'all';
  return scope.kind === 'eq' ? [scope.action] : scope.actions;
}

interface ToolRoute {
  readonly policySetId: string;
  readonly actionEntity: EntityJson;
}

function describeError(error: unknown): string {
  if (error instanceof RequestError) return `request: ${error.message}`;
  // A foreign exception's message may quote input; its name says enough.
  return `engine exception (${error instanceof Error ? error.name : typeof error})`;
}

/** Builds an engine from a compiled set: pre-parses the schema and one policy set per slice. */
export function engineFromCompiled(
  compiled: CompiledPolicySet,
  options: Pick<PolicyEngineOptions, 'slicing' | 'clock' | 'cedarValidation'> = {},
): PolicyEngine {
  const clock = options.clock ?? Date.now;
  const validate = options.cedarValidation === true;
  const schemaName = validate ? preparseSchemaText(compiled.schema.text) : undefined;
  const slices =
    options.slicing === false
      ? new Map([...compiled.model.tools.keys()].map((name) => [name, compiled.policies]))
      : slicePolicies(compiled.model, compiled.policies);
  const routes = new Map<string, ToolRoute>();
  const tools: PolicyTool[] = [];
  for (const [name, slice] of slices) {
    const model = compiled.model.tools.get(name);
    if (model === undefined) continue;
    routes.set(name, { policySetId: preparsePolicies(slice), actionEntity: model.action.entity });
    tools.push({
      name,
      action: model.action.key,
      effects: model.effects,
      principalTypes: [...model.action.principalTypes],
      resourceTypes: [...model.action.resourceTypes],
      policies: slice.map((policy) => policy.id),
    });
  }
  const roles = new Map<string, PolicyRole>(
    compiled.policies.map((policy) => [policy.id, { lane: policy.lane, escalate: policy.escalate }]),
  );
  const policies: PolicyInfo[] = compiled.policies.map((policy) => ({
    id: policy.id,
    file: policy.file,
    line: policy.line,
    column: policy.column,
    effect: policy.effect,
    lane: policy.lane,
    escalate: policy.escalate,
    annotations: policy.annotations,
    actions: scopeActions(policy.scope),
    text: policy.text,
  }));
  const policyById = new Map(policies.map((policy) => [policy.id, policy]));
  const toolByName = new Map(tools.map((tool) => [tool.name, tool]));

  const decide = (request: PolicyRequest): PolicyDecision => {
    try {
      const built = buildCedarRequest(compiled.model, request, clock);
      const route = routes.get(built.tool.name);
      if (route === undefined)
        return failClosed([`request: no policy set for ${toolActionId(built.tool.name)}`]);
      // Without the schema, Cedar gets the action entity from us (it would rebuild all of them
      // from the schema on every call); the request was already built to the schema's types.
      const call: StatefulAuthorizationCall =
        schemaName !== undefined
          ? {
              principal: built.principal,
              action: built.action,
              resource: built.resource,
              context: built.context,
              entities: built.entities,
              preparsedSchemaName: schemaName,
              preparsedPolicySetId: route.policySetId,
              validateRequest: true,
            }
          : {
              principal: built.principal,
              action: built.action,
              resource: built.resource,
              context: built.context,
              entities: [...built.entities, route.actionEntity],
              preparsedPolicySetId: route.policySetId,
              validateRequest: false,
            };
      return decisionFromAnswer(statefulIsAuthorized(call), roles);
    } catch (error) {
      return failClosed([describeError(error)]);
    }
  };

  // Frozen: an engine is configuration, and nothing should swap its decide() at run time.
  return Object.freeze({
    decide,
    fingerprint: compiled.fingerprint,
    policies: Object.freeze(policies),
    policy: (id: string) => policyById.get(id),
    tools: Object.freeze(tools),
    tool: (name: string) => toolByName.get(name),
    warnings: compiled.warnings,
    schemaText: compiled.schema.text,
  });
}

/**
 * Parses and validates a policy set and returns an engine for it, or throws `PolicyInvalidError`
 * (`ERR_POLICY_INVALID`) listing every problem with its file:line: a process must not start with
 * a policy set that is partly wrong. Default deny: what no policy permits is denied.
 */
export function createPolicyEngine(options: PolicyEngineOptions): PolicyEngine {
  const { compiled, problems } = compilePolicySet(options);
  if (compiled === undefined) throw new PolicyInvalidError(problems);
  try {
    return engineFromCompiled(compiled, options);
  } catch (error) {
    if (error instanceof PolicyInvalidError) throw error;
    throw new PolicyInvalidError([
      {
        severity: 'error',
        message: `Cedar could not pre-parse the set: ${error instanceof Error ? error.message : 'unknown error'}`,
      },
    ]);
  }
}

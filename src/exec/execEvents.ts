import type { Lane, Severity } from '../core/index.js';
import type { EventRefs, RiskEventInput } from '../ledger/index.js';
import type { ToolEffect } from '../policy/index.js';
import type { Receipt } from './receipt.js';

// Excessive agency (LLM06), tool misuse and privilege compromise (agentic T2, T3), on layers
// 2, 3, 5 and 7, under the controls the executor implements.
const TOOL_REFS: EventRefs = {
  layers: [2, 5, 7],
  owaspLlm: ['LLM06'],
  owaspAgentic: ['T2', 'T3'],
  controls: ['C3', 'C8', 'C9', 'C13', 'C17', 'C20'],
};

const SEVERITY_OF_EFFECT: Readonly<Record<ToolEffect, Severity>> = {
  read: 'info',
  write: 'low',
  external: 'low',
  destructive: 'medium',
  financial: 'medium',
};

export interface EventBase {
  readonly tenantId: string;
  readonly principal: string;
  readonly traceId: string | undefined;
}

function base(e: EventBase): Pick<RiskEventInput, 'tenantId' | 'actor' | 'traceId'> {
  return {
    tenantId: e.tenantId,
    actor: { principal: e.principal },
    ...(e.traceId === undefined ? {} : { traceId: e.traceId }),
  };
}

/** The receipt as a ledger event: the signed receipt's fields, the argument hash as payload hash. */
export function receiptEvent(receipt: Receipt): RiskEventInput {
  return {
    tenantId: receipt.tenantId,
    actor: { principal: receipt.principal, keyId: receipt.keyId },
    ...(receipt.traceId === null ? {} : { traceId: receipt.traceId }),
    type: 'receipt',
    lane: receipt.lane,
    severity: SEVERITY_OF_EFFECT[receipt.effect],
    detector: 'exec.receipt',
    refs: TOOL_REFS,
    preview: `${receipt.tool} (${receipt.effect})`,
    payloadHash: receipt.argsHash,
    attributes: {
      receiptId: receipt.id,
      tool: receipt.tool,
      toolFingerprint: receipt.toolFingerprint,
      effect: receipt.effect,
      idempotencyKey: receipt.idempotencyKey,
      policies: receipt.policies.slice(0, 8),
      approvalId: receipt.approvalId,
      approver: receipt.approver,
      agentId: receipt.agentId,
      delegation: receipt.delegation.slice(0, 8).map((link) => link.subject),
      time: receipt.time,
      signature: receipt.signature,
    },
  };
}

/** What happened after the receipt: success, failure (code only) or a degraded result. */
export function resultEvent(
  receipt: Receipt,
  outcome: {
    status: 'succeeded' | 'failed' | 'degraded';
    errorCode?: string;
    durationMs: number;
    outputHash?: string;
  },
): RiskEventInput {
  return {
    tenantId: receipt.tenantId,
    actor: { principal: receipt.principal, keyId: receipt.keyId },
    ...(receipt.traceId === null ? {} : { traceId: receipt.traceId }),
    type: 'tool_result',
    lane: receipt.lane,
    severity: outcome.status === 'succeeded' ? 'info' : 'low',
    detector: 'exec.result',
    refs: { layers: [3, 5], controls: ['C9', 'C22'] },
    preview: `${receipt.tool} ${outcome.status}`,
    ...(outcome.outputHash === undefined ? {} : { payloadHash: outcome.outputHash }),
    attributes: {
      receiptId: receipt.id,
      tool: receipt.tool,
      status: outcome.status,
      errorCode: outcome.errorCode ?? null,
      durationMs: Math.round(outcome.durationMs),
    },
  };
}

/** An intent that ended in `block`, with why. */
export function blockEvent(
  e: EventBase & {
    readonly tool: string;
    readonly reasons: readonly string[];
    readonly policies: readonly string[];
    readonly errorCode: string;
    readonly argsHash: string | undefined;
  },
): RiskEventInput {
  const severe = e.reasons.includes('grant') || e.reasons.includes('policy') || e.reasons.includes('scan');
  return {
    ...base(e),
    type: 'policy_decision',
    lane: 'block',
    severity: severe ? 'high' : 'medium',
    detector: 'exec.decision',
    refs: TOOL_REFS,
    preview: `${e.tool} blocked`,
    ...(e.argsHash === undefined ? {} : { payloadHash: e.argsHash }),
    attributes: {
      tool: e.tool,
      reasons: [...e.reasons],
      policies: e.policies.slice(0, 8),
      errorCode: e.errorCode,
    },
  };
}

/** An approval was requested, joined, summarised, decided or expired. */
export function approvalEvent(
  e: EventBase & {
    readonly tool: string;
    readonly action: 'requested' | 'approved' | 'denied' | 'expired' | 'summarised';
    readonly approvalId: string | null;
    readonly argsHash: string;
    readonly reasons?: readonly string[];
    readonly suppressed?: number;
  },
): RiskEventInput {
  const refs: EventRefs = { layers: [2, 7], owaspLlm: ['LLM06'], owaspAgentic: ['T10'], controls: ['C3'] };
  return {
    ...base(e),
    type: 'approval',
    lane: 'confirm' satisfies Lane,
    severity: e.action === 'summarised' ? 'medium' : 'low',
    detector: 'exec.approval',
    refs,
    preview: `${e.tool} ${e.action}`,
    payloadHash: e.argsHash,
    attributes: {
      tool: e.tool,
      action: e.action,
      approvalId: e.approvalId,
      reasons: [...(e.reasons ?? [])],
      ...(e.suppressed === undefined ? {} : { suppressed: e.suppressed }),
    },
  };
}

/** A task or tenant budget ran out: the task ended. */
export function budgetEvent(
  e: EventBase & {
    readonly taskId: string;
    readonly limit: string;
    readonly scope: string;
    readonly max: number;
    readonly used: number;
  },
): RiskEventInput {
  return {
    ...base(e),
    type: 'anomaly',
    lane: 'block',
    severity: 'medium',
    detector: 'exec.budget',
    refs: { layers: [5], owaspLlm: ['LLM10'], owaspAgentic: ['T4'], controls: ['C22'] },
    preview: `budget ${e.scope} ${e.limit} exhausted`,
    attributes: { taskId: e.taskId, limit: e.limit, scope: e.scope, max: e.max, used: e.used },
  };
}

export function killSwitchEvent(
  e: EventBase & { readonly engaged: boolean; readonly reason: string },
): RiskEventInput {
  return {
    ...base(e),
    type: 'kill_switch',
    severity: e.engaged ? 'high' : 'medium',
    detector: 'exec.kill_switch',
    refs: { layers: [5, 7], controls: ['C21'] },
    preview: e.reason,
    attributes: { engaged: e.engaged },
  };
}

export function registryChangedEvent(
  e: EventBase & {
    readonly fingerprint: string;
    readonly previous: string | undefined;
    readonly tools: readonly string[];
  },
): RiskEventInput {
  return {
    ...base(e),
    type: 'config_changed',
    severity: e.previous === undefined ? 'info' : 'medium',
    detector: 'exec.registry',
    refs: { layers: [7], owaspAgentic: ['T2'], controls: ['C10'], threats: ['T5'] },
    preview: e.previous === undefined ? 'tool registry first seen' : 'tool registry changed',
    attributes: {
      fingerprint: e.fingerprint,
      previous: e.previous ?? null,
      tools: e.tools.slice(0, 64),
    },
  };
}

/** An integration's circuit opened (it is failing) or closed again (layer 3). */
export function circuitEvent(
  e: EventBase & { readonly integration: string; readonly state: string },
): RiskEventInput {
  return {
    ...base(e),
    type: 'anomaly',
    severity: e.state === 'open' ? 'medium' : 'info',
    detector: 'exec.circuit',
    refs: { layers: [3], controls: ['C15', 'C21'] },
    preview: `integration ${e.integration} circuit ${e.state}`,
    attributes: { integration: e.integration, state: e.state },
  };
}

import { z } from 'zod';
import type { Lane } from '../../core/index.js';
import type { PolicyEngine } from '../../policy/index.js';

const toolName = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'expected a tool name (letters, digits, _ . : -)');

/** Which tool calls a model may propose through the proxy, and what happens to the others. */
export const toolCallSettingsSchema = z.strictObject({
  /** Tool names the model may call. Without `policyDir`, only these; with it, these and what Cedar allows. */
  allow: z.array(toolName).max(1024).default([]),
  /** A Cedar policy set (schema + policies) that decides each call (lane `auto` passes). */
  policyDir: z.string().min(1).optional(),
  /** `remove` drops disallowed calls from the response; `block` withholds the whole response. */
  onDisallowed: z.enum(['remove', 'block']).default('remove'),
});

export type ToolCallSettings = z.output<typeof toolCallSettingsSchema>;

export const DEFAULT_TOOL_CALL_SETTINGS: ToolCallSettings = Object.freeze({
  allow: [],
  onDisallowed: 'remove' as const,
});

export type ToolCallReason =
  | 'allowed'
  | 'not_allowlisted'
  | 'policy_denied'
  | 'needs_approval'
  | 'invalid_arguments';

export interface ToolCallVerdict {
  readonly allowed: boolean;
  readonly reason: ToolCallReason;
  /** The Cedar policies that decided, when a policy set did. */
  readonly policies: readonly string[];
}

export interface ToolCallContext {
  readonly tenantId: string;
  readonly principal: string;
  /** The input scan's lane and score for the conversation the call came out of. */
  readonly scanLane: Lane;
  readonly riskScore: number;
}

export interface ToolCallPolicy {
  readonly onDisallowed: 'remove' | 'block';
  /** Whether the model may propose this call; `argumentsJson` is the call's argument string as the model wrote it. */
  check(name: string, argumentsJson: string, context: ToolCallContext): ToolCallVerdict;
  /** Whether a tool may be offered to the model at all (the request's `tools`). */
  offers(name: string): boolean;
}

function parseArguments(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text === '' ? '{}' : text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Judges the tool calls a model proposes (C8, C17): allowlisted by name, or decided by a Cedar
 * policy set with the caller as the agent principal. Arguments that are not a JSON object, a deny,
 * and a `confirm` lane (nobody can approve a call the client runs) all make a call disallowed:
 * the default is that no tool call passes.
 */
export function createToolCallPolicy(settings: ToolCallSettings, engine?: PolicyEngine): ToolCallPolicy {
  const allow = new Set(settings.allow);
  const byPolicy = (name: string) => engine?.tool(name) !== undefined;
  return {
    onDisallowed: settings.onDisallowed,
    offers: (name) => allow.has(name) || byPolicy(name),
    check(name, argumentsJson, context) {
      const args = parseArguments(argumentsJson);
      if (args === undefined) return { allowed: false, reason: 'invalid_arguments', policies: [] };
      if (allow.has(name)) return { allowed: true, reason: 'allowed', policies: [] };
      if (engine === undefined || !byPolicy(name))
        return { allowed: false, reason: 'not_allowlisted', policies: [] };
      const decision = engine.decide({
        principal: { kind: 'agent', id: context.principal, tenant: context.tenantId },
        tool: name,
        args,
        tenant: context.tenantId,
        riskScore: context.riskScore,
        scanLane: context.scanLane,
      });
      if (decision.decision === 'deny' || decision.lane === 'block')
        return { allowed: false, reason: 'policy_denied', policies: decision.policies };
      if (decision.lane === 'confirm')
        return { allowed: false, reason: 'needs_approval', policies: decision.policies };
      return { allowed: true, reason: 'allowed', policies: decision.policies };
    },
  };
}

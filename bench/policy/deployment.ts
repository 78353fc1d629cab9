import type { PolicyRequest } from '../../src/policy/index.js';

/**
 * A synthetic deployment shaped like a real one: a fixed catalogue of 20 tools over the five
 * effects, and N policies of which about 10% are global guards (tenant isolation, scan and risk
 * rules), 20% are written for an effect group and the rest for single tools. Deterministic.
 */
export interface Deployment {
  readonly label: string;
  readonly schema: string;
  readonly policies: string;
  readonly count: number;
  readonly requests: readonly PolicyRequest[];
}

const TOOLS: ReadonlyArray<{ name: string; effect: string; paid: boolean; record: boolean }> = [
  ...['crm.lookup', 'docs.search', 'kb.read', 'orders.list', 'calendar.read', 'files.read'].map(
    (name, i) => ({
      name,
      effect: 'read',
      paid: false,
      record: i % 2 === 0,
    }),
  ),
  ...['crm.update', 'ticket.create', 'orders.update', 'files.write', 'calendar.book'].map((name, i) => ({
    name,
    effect: 'write',
    paid: false,
    record: i % 2 === 0,
  })),
  ...['crm.delete', 'files.delete'].map((name) => ({
    name,
    effect: 'destructive',
    paid: false,
    record: true,
  })),
  ...['payments.refund', 'payments.payout', 'invoices.credit'].map((name) => ({
    name,
    effect: 'financial',
    paid: true,
    record: false,
  })),
  ...['email.send', 'sms.send', 'web.fetch', 'slack.post'].map((name) => ({
    name,
    effect: 'external',
    paid: false,
    record: false,
  })),
];

export const TOOL_COUNT = TOOLS.length;

const SCHEMA = `namespace Maestro {
  entity Record { tenant: String, classification: String };
  type PaidContext = {
    tenant: String, riskPercent: Long, scanLane: String, time: Long,
    args: { amount: Long, currency: String },
  };
${TOOLS.map(
  (tool) =>
    `  action "tool:${tool.name}" in [Action::"effect:${tool.effect}"] appliesTo {
    principal: [Agent, User], resource: [${tool.record ? 'Record' : 'Tool'}], context: ${tool.paid ? 'PaidContext' : 'Context'} };`,
).join('\n')}
}`;

const action = (tool: string) => `Maestro::Action::"tool:${tool}"`;
const group = (effect: string) => `Maestro::Action::"effect:${effect}"`;
const LANE: Readonly<Record<string, string>> = {
  read: 'auto',
  write: 'confirm',
  destructive: 'confirm',
  financial: 'confirm',
  external: 'confirm',
};

function globalPolicy(i: number): string {
  const k = Math.floor(i / 10);
  switch (i % 10) {
    case 0:
      return 'forbid(principal, action, resource) when { principal.tenant != context.tenant };';
    case 1:
      return 'forbid(principal, action, resource) when { resource has tenant && resource.tenant != context.tenant };';
    case 2:
      return 'forbid(principal, action, resource) when { context.scanLane == "block" };';
    case 3:
      return `@escalate("confirm") permit(principal, action, resource) when { context.riskPercent > ${50 + k} };`;
    case 4:
      return '@escalate("confirm") permit(principal, action, resource) when { context.scanLane == "confirm" };';
    case 5:
      return `forbid(principal, action, resource) when { principal.claims has groups && principal.claims.groups.contains("suspended-${k}") };`;
    case 6:
      return `forbid(principal, action, resource) when { context.time < ${1_700_000_000 - k} };`;
    case 7:
      return '@escalate("block") permit(principal, action, resource) when { context.riskPercent > 95 };';
    case 8:
      return `forbid(principal, action, resource) when { resource has classification && resource.classification == "secret-${k}" && !(principal.claims has admin && principal.claims.admin) };`;
    default:
      return '@escalate("confirm") permit(principal, action, resource) when { !(principal.claims has mfa && principal.claims.mfa) };';
  }
}

function groupPolicy(i: number): string {
  const effects = ['read', 'write', 'destructive', 'financial', 'external'];
  const effect = effects[i % effects.length] ?? 'read';
  const role = `role-${i % 7}`;
  return `@lane("${LANE[effect]}") permit(principal, action in ${group(effect)}, resource) when { principal.tenant == context.tenant && principal.claims has roles && principal.claims.roles.contains("${role}") };`;
}

function toolPolicy(i: number): string {
  const tool = TOOLS[i % TOOLS.length];
  if (tool === undefined) throw new Error('no tool');
  const k = Math.floor(i / TOOLS.length);
  if (tool.paid) {
    const limit = 10_000 * (k + 1);
    return [
      `@lane("auto") permit(principal, action == ${action(tool.name)}, resource) when { principal.tenant == context.tenant && context.args.amount <= ${limit} };`,
      `@lane("confirm") permit(principal, action == ${action(tool.name)}, resource) when { principal.tenant == context.tenant && context.args.amount > ${limit} };`,
      `forbid(principal, action == ${action(tool.name)}, resource) when { context.args.amount > ${limit * 50} };`,
    ][k % 3] as string;
  }
  return k % 2 === 0
    ? `permit(principal, action == ${action(tool.name)}, resource) when { principal.claims has scopes && principal.claims.scopes.contains("${tool.name}:${k}") };`
    : `forbid(principal, action == ${action(tool.name)}, resource) when { context.scanLane == "confirm" && principal.claims has groups && principal.claims.groups.contains("contractors-${k}") };`;
}

/** One request per tool, from an agent with typical claims, inside its own tenant. */
function requests(): PolicyRequest[] {
  return TOOLS.map((tool) => ({
    principal: {
      kind: 'agent',
      id: 'orchestrator',
      tenant: 'acme',
      claims: {
        sub: 'orchestrator',
        mfa: true,
        roles: ['role-0', 'role-1', 'role-3'],
        scopes: [`${tool.name}:0`],
      },
    },
    tool: tool.name,
    tenant: 'acme',
    riskScore: 0.2,
    scanLane: 'auto',
    time: 1_741_082_400,
    ...(tool.record
      ? {
          resource: {
            type: 'Record',
            id: 'rec-42',
            tenant: 'acme',
            attributes: { classification: 'internal' },
          },
        }
      : {}),
    ...(tool.paid ? { args: { amount: 4_200, currency: 'EUR' } } : {}),
  }));
}

/** N policies in the realistic mix: 10% global, 20% per effect group, the rest per tool. */
export function scopedDeployment(count: number): Deployment {
  const globals = Math.max(3, Math.round(count * 0.1));
  const groups = Math.round(count * 0.2);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i < globals) lines.push(globalPolicy(i));
    else if (i < globals + groups) lines.push(groupPolicy(i - globals));
    else lines.push(toolPolicy(i - globals - groups));
  }
  return {
    label: `${count} policies`,
    schema: SCHEMA,
    policies: lines.join('\n'),
    count,
    requests: requests(),
  };
}

/** N policies none of which names an action: every tool's slice is the whole set. */
export function unscopedDeployment(count: number): Deployment {
  const lines = Array.from({ length: count - 1 }, (_, i) => globalPolicy(i));
  lines.push('permit(principal, action, resource) when { principal.tenant == context.tenant };');
  return {
    label: `${count} policies, none scoped to an action`,
    schema: SCHEMA,
    policies: lines.join('\n'),
    count,
    requests: requests(),
  };
}

import type { Finding, Lane } from '../../core/index.js';
import type { Ledger, RiskEventInput } from '../../ledger/index.js';
import { type OutputScanResult, outputRiskEvent } from '../../output/index.js';
import { BOOTSTRAP_TENANT } from '../auth/bootstrapKey.js';
import type { WithheldCall } from './chatResponse.js';
import type { CircuitStateName } from './upstreamClient.js';

export interface ProxyEventContext {
  readonly ledger: Ledger;
  readonly tenantId: string;
  readonly principal: string;
  readonly traceId: string;
}

/** Tool names come from the model: only a safe, short form reaches the ledger preview. */
const safeName = (name: string) => name.replace(/[^A-Za-z0-9_.:-]/g, '?').slice(0, 48);

/** Queued, not awaited: the response does not wait for the ledger, whose writer reports failures. */
export function logOutputFindings(ctx: ProxyEventContext, result: OutputScanResult): void {
  if (result.lane === 'auto' && result.findings.length === 0) return;
  ctx.ledger
    .logRiskEvent({
      ...outputRiskEvent(result, { tenantId: ctx.tenantId, principal: ctx.principal }),
      traceId: ctx.traceId,
    })
    .catch(() => undefined);
}

/** What a guarded stream found, as one output event (its preview names the stream, not its text). */
export function logStreamFindings(
  ctx: ProxyEventContext,
  findings: readonly Finding[],
  stopped: boolean,
): void {
  if (findings.length === 0) return;
  const lane: Lane = stopped ? 'block' : 'auto';
  logOutputFindings(ctx, {
    lane,
    findings,
    matches: [],
    redacted: stopped ? '[stream stopped]' : '[stream redacted]',
  });
}

export function logWithheldCalls(
  ctx: ProxyEventContext,
  withheld: readonly WithheldCall[],
  blocked: boolean,
): void {
  for (const call of withheld.slice(0, 32)) {
    ctx.ledger
      .logRiskEvent({
        tenantId: ctx.tenantId,
        type: 'policy_decision',
        lane: 'block',
        severity: 'medium',
        detector: 'gateway.tool_calls',
        refs: { layers: [2, 3], controls: ['C8', 'C17'], threats: ['T1', 'T3'] },
        actor: { principal: ctx.principal },
        preview: `tool call ${blocked ? 'blocked' : 'removed'}: ${safeName(call.name)}`,
        traceId: ctx.traceId,
        attributes: {
          tool: safeName(call.name),
          reason: call.verdict.reason,
          policies: call.verdict.policies.slice(0, 16),
          choice: call.choice,
          action: blocked ? 'blocked' : 'removed',
        },
      })
      .catch(() => undefined);
  }
}

/** The upstream's circuit opened (it keeps failing) or closed again: an anomaly for operators. */
export function upstreamCircuitEvent(state: CircuitStateName): RiskEventInput {
  return {
    tenantId: BOOTSTRAP_TENANT,
    type: 'anomaly',
    severity: state === 'open' ? 'high' : 'info',
    detector: 'gateway.upstream',
    refs: { layers: [3, 4], controls: ['C2'], threats: ['T3'] },
    actor: { principal: 'maestro:gateway' },
    preview: `upstream circuit ${state}`,
    attributes: { integration: 'upstream', state },
  };
}

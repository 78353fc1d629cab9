import { summariseFindings } from '../core/index.js';
// Types only: the output guard does not load the ledger at run time.
import type { RiskEventInput } from '../ledger/index.js';
import type { OutputScanResult } from './types.js';

export interface OutputEventContext {
  readonly tenantId: string;
  /** The agent or principal the output was produced for. */
  readonly principal?: string;
}

/**
 * The risk event an output scan amounts to, for `ledger.logRiskEvent`: an `output_leak` with the
 * lane, the most severe finding and merged refs. The preview is the already redacted output, so
 * no secret reaches the ledger even before the ledger's own redaction; the hash is of it too.
 */
export function outputRiskEvent(result: OutputScanResult, context: OutputEventContext): RiskEventInput {
  const summary = summariseFindings(result.findings);
  return {
    tenantId: context.tenantId,
    type: 'output_leak',
    lane: result.lane,
    severity: summary.severity,
    detector: summary.detector ?? 'maestro:scanOutput',
    refs: summary.refs,
    ...(context.principal === undefined ? {} : { actor: { principal: context.principal } }),
    preview: result.redacted,
    attributes: {
      categories: summary.categories.slice(0, 16),
      findings: result.findings.length,
      types: [...new Set(result.matches.map((m) => m.type))].slice(0, 16),
    },
  };
}

import { summariseFindings } from '../core/index.js';
// Types only: the scanner does not load the ledger (or zod) at run time.
import type { RiskEventInput } from '../ledger/index.js';
import type { ScanResult } from './types.js';

export interface ScanEventContext {
  readonly tenantId: string;
  /** Who sent the text. */
  readonly principal?: string;
  /** The scanned text: its preview is redacted and cut by the ledger, and the whole is hashed. */
  readonly text?: string;
}

/**
 * The risk event a scan result amounts to, for `ledger.logRiskEvent`: an `injection` (or a
 * `scan_failed` when the scan failed closed) with the lane, the most severe finding, the merged
 * refs, and the score and categories as attributes. The text itself is never stored, only its
 * hash and a redacted 80-character preview.
 */
export function scanRiskEvent(result: ScanResult, context: ScanEventContext): RiskEventInput {
  const summary = summariseFindings(result.findings);
  const failed = result.findings.some((f) => f.category === 'scan_failed');
  return {
    tenantId: context.tenantId,
    type: failed ? 'scan_failed' : 'injection',
    lane: result.lane,
    severity: summary.severity,
    detector: summary.detector ?? 'maestro:securityScan',
    refs: summary.refs,
    ...(context.principal === undefined ? {} : { actor: { principal: context.principal } }),
    ...(context.text === undefined ? {} : { preview: context.text, payload: context.text }),
    attributes: {
      score: Math.round(result.score * 1000) / 1000,
      source: result.source,
      categories: summary.categories.slice(0, 16),
      findings: result.findings.length,
      rules: Math.round(result.components.rules * 1000) / 1000,
      model: Math.round(result.components.model * 1000) / 1000,
    },
  };
}

import type { Lane, Severity } from '../../core/index.js';
import type { RiskEvent, RiskEventType } from '../eventSchema.js';

/**
 * Risk events as OCSF Detection Findings (class 2004, category 2 "Findings", schema 1.3.0): the
 * class SIEMs (Splunk, Sentinel, Security Lake, Chronicle) map to their alert models. Fields OCSF
 * has no place for (the MAESTRO/OWASP/ATLAS refs, seq, payload hash) go under `unmapped.maestro`
 * rather than being dropped, so nothing the ledger proves is lost on the way out.
 */
export const OCSF_SCHEMA_VERSION = '1.3.0';
export const DETECTION_FINDING_CLASS_UID = 2004;
export const FINDINGS_CATEGORY_UID = 2;
const ACTIVITY_CREATE = 1;

/** OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
const SEVERITY_ID: Readonly<Record<Severity, number>> = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITY_NAME: Readonly<Record<Severity, string>> = {
  info: 'Informational',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

/**
 * What happened to the request, as OCSF action (1 Allowed, 2 Denied, 99 Other) and disposition
 * (1 Allowed, 2 Blocked, 14 Delayed: held for a person's approval, 15 Detected: no decision).
 */
const LANE_OUTCOME: Readonly<
  Record<Lane | 'none', { action_id: number; action: string; disposition_id: number; disposition: string }>
> = {
  auto: { action_id: 1, action: 'Allowed', disposition_id: 1, disposition: 'Allowed' },
  confirm: { action_id: 99, action: 'Held for approval', disposition_id: 14, disposition: 'Delayed' },
  block: { action_id: 2, action: 'Denied', disposition_id: 2, disposition: 'Blocked' },
  none: { action_id: 0, action: 'Unknown', disposition_id: 15, disposition: 'Detected' },
};

const TITLE: Readonly<Record<RiskEventType, string>> = {
  injection: 'Prompt injection attempt',
  output_leak: 'Sensitive data in model output',
  policy_decision: 'Policy decision on a tool call',
  approval: 'Human approval decision',
  receipt: 'Tool execution receipt',
  tool_result: 'Tool result',
  rate_limited: 'Request rate limited',
  auth_failed: 'Authentication failed',
  config_changed: 'Configuration changed',
  kill_switch: 'Kill switch changed',
  anomaly: 'Anomalous agent behaviour',
  scan_failed: 'Security scan failed (request blocked)',
};

export interface OcsfProduct {
  /** The maestro version that exported the finding. */
  readonly version: string;
}

export interface OcsfDetectionFinding {
  readonly class_uid: number;
  readonly class_name: 'Detection Finding';
  readonly category_uid: number;
  readonly category_name: 'Findings';
  readonly activity_id: number;
  readonly activity_name: 'Create';
  readonly type_uid: number;
  readonly type_name: string;
  readonly time: number;
  readonly severity_id: number;
  readonly severity: string;
  readonly status_id: 1;
  readonly status: 'New';
  readonly action_id: number;
  readonly action: string;
  readonly disposition_id: number;
  readonly disposition: string;
  readonly message: string;
  readonly metadata: {
    readonly version: string;
    readonly uid: string;
    readonly tenant_uid: string;
    readonly correlation_uid?: string;
    readonly logged_time: number;
    readonly product: { readonly name: 'maestro'; readonly vendor_name: 'maestro'; readonly version: string };
  };
  readonly finding_info: {
    readonly uid: string;
    readonly title: string;
    readonly desc?: string;
    readonly types: readonly string[];
    readonly created_time: number;
    readonly analytic: { readonly name: string; readonly type_id: 1; readonly type: 'Rule' };
  };
  readonly actor?: { readonly user: { readonly name: string; readonly uid?: string } };
  readonly unmapped: {
    readonly maestro: {
      readonly seq: number;
      readonly lane: Lane | null;
      readonly refs: RiskEvent['refs'];
      readonly payload_hash: string | null;
      readonly span_id: string | null;
      readonly attributes: RiskEvent['attributes'];
    };
  };
}

/** One risk event as an OCSF Detection Finding. Pure: the same event always maps the same way. */
export function toOcsfDetectionFinding(event: RiskEvent, product: OcsfProduct): OcsfDetectionFinding {
  const time = Date.parse(event.time);
  const outcome = LANE_OUTCOME[event.lane ?? 'none'];
  const title = TITLE[event.type];
  const types = [
    event.type,
    ...(event.refs.owaspLlm ?? []),
    ...(event.refs.owaspAgentic ?? []).map((id) => `OWASP-Agentic-${id}`),
    ...(event.refs.atlas ?? []),
  ];
  return {
    class_uid: DETECTION_FINDING_CLASS_UID,
    class_name: 'Detection Finding',
    category_uid: FINDINGS_CATEGORY_UID,
    category_name: 'Findings',
    activity_id: ACTIVITY_CREATE,
    activity_name: 'Create',
    type_uid: DETECTION_FINDING_CLASS_UID * 100 + ACTIVITY_CREATE,
    type_name: 'Detection Finding: Create',
    time,
    severity_id: SEVERITY_ID[event.severity],
    severity: SEVERITY_NAME[event.severity],
    status_id: 1,
    status: 'New',
    ...outcome,
    message: event.preview === '' ? title : `${title}: ${event.preview}`,
    metadata: {
      version: OCSF_SCHEMA_VERSION,
      uid: event.id,
      tenant_uid: event.tenantId,
      ...(event.traceId === null ? {} : { correlation_uid: event.traceId }),
      logged_time: time,
      product: { name: 'maestro', vendor_name: 'maestro', version: product.version },
    },
    finding_info: {
      uid: event.id,
      title,
      ...(event.preview === '' ? {} : { desc: event.preview }),
      types,
      created_time: time,
      analytic: { name: event.detector, type_id: 1, type: 'Rule' },
    },
    ...(event.actor === null
      ? {}
      : {
          actor: {
            user: {
              name: event.actor.principal,
              ...(event.actor.keyId === null ? {} : { uid: event.actor.keyId }),
            },
          },
        }),
    unmapped: {
      maestro: {
        seq: event.seq,
        lane: event.lane,
        refs: event.refs,
        payload_hash: event.payloadHash,
        span_id: event.spanId,
        attributes: event.attributes,
      },
    },
  };
}

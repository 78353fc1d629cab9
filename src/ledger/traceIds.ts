import { isSpanContextValid, trace } from '@opentelemetry/api';

export interface TraceIds {
  readonly traceId: string;
  readonly spanId: string;
}

/** The W3C ids of OpenTelemetry's active span, if there is a valid one (none without an SDK). */
export function activeTraceIds(): TraceIds | undefined {
  const span = trace.getActiveSpan();
  if (span === undefined) return undefined;
  const context = span.spanContext();
  return isSpanContextValid(context) ? { traceId: context.traceId, spanId: context.spanId } : undefined;
}

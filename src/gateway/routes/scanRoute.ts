import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SOURCES } from '../../core/index.js';
import { invalidOptionsFromZod } from '../../errors/index.js';
import type { Ledger } from '../../ledger/index.js';
import { type ScanResult, scanRiskEvent, securityScan } from '../../scan/index.js';
import { identityOf } from '../requestState.js';

const message = z.strictObject({
  role: z.enum(['system', 'user', 'assistant', 'tool', 'developer', 'function']),
  content: z.string(),
  name: z.string().max(256).optional(),
});

export const scanBodySchema = z.union([
  z.strictObject({ text: z.string(), source: z.enum(SOURCES).optional() }),
  z.strictObject({ messages: z.array(message).min(1).max(1000), source: z.enum(SOURCES).optional() }),
]);

/** The scan result as the gateway returns it: the library's result and the trace id. */
export function scanResponse(result: ScanResult, traceId: string) {
  return {
    lane: result.lane,
    score: result.score,
    reason: result.reason,
    source: result.source,
    findings: result.findings,
    sanitized: result.sanitized,
    trace_id: traceId,
  };
}

/** POST /v1/scan: `securityScan` over HTTP; anything not `auto` is also a ledger event. */
export function registerScanRoute(
  app: FastifyInstance,
  deps: { ledger: Ledger; maxBytes: number; onLane?: (lane: string) => void },
): void {
  app.post('/v1/scan', async (request) => {
    const identity = identityOf(request);
    const parsed = scanBodySchema.safeParse(request.body);
    if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
    const body = parsed.data;
    const input = 'text' in body ? body.text : body.messages;
    const result = securityScan(input, {
      maxBytes: deps.maxBytes,
      ...(body.source === undefined ? {} : { source: body.source }),
      context: { tenantId: identity.tenantId, principal: identity.principal, traceId: request.traceId },
    });
    deps.onLane?.(result.lane);
    if (result.lane !== 'auto') {
      const text = typeof input === 'string' ? input : input.map((m) => m.content).join('\n');
      // Queued, not waited for: the verdict does not depend on it, and the writer reports failures.
      deps.ledger
        .logRiskEvent({
          ...scanRiskEvent(result, { tenantId: identity.tenantId, principal: identity.principal, text }),
          traceId: request.traceId,
        })
        .catch(() => undefined);
    }
    return scanResponse(result, request.traceId);
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalidOptionsFromZod } from '../../errors/index.js';
import type { Ledger } from '../../ledger/index.js';
import { outputRiskEvent, SINKS, scanOutput } from '../../output/index.js';
import { identityOf } from '../requestState.js';

export const scanOutputBodySchema = z.strictObject({
  text: z.string(),
  sink: z.enum(SINKS).optional(),
  allowedHosts: z.array(z.string().min(1).max(253)).max(100).optional(),
});

/** POST /v1/scan-output: `scanOutput` over HTTP (the redaction key is the gateway's, never the caller's). */
export function registerScanOutputRoute(
  app: FastifyInstance,
  deps: {
    ledger: Ledger;
    maxBytes: number;
    redactionKey: string | undefined;
    onLane?: (lane: string) => void;
  },
): void {
  app.post('/v1/scan-output', async (request) => {
    const identity = identityOf(request);
    const parsed = scanOutputBodySchema.safeParse(request.body);
    if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
    const body = parsed.data;
    const result = scanOutput(body.text, {
      maxBytes: deps.maxBytes,
      ...(body.sink === undefined ? {} : { sink: body.sink }),
      ...(body.allowedHosts === undefined ? {} : { allowedHosts: body.allowedHosts }),
      ...(deps.redactionKey === undefined ? {} : { redactionKey: deps.redactionKey }),
    });
    deps.onLane?.(result.lane);
    if (result.lane !== 'auto' || result.findings.length > 0) {
      deps.ledger
        .logRiskEvent({
          ...outputRiskEvent(result, { tenantId: identity.tenantId, principal: identity.principal }),
          traceId: request.traceId,
        })
        .catch(() => undefined);
    }
    return {
      lane: result.lane,
      findings: result.findings,
      redacted: result.redacted,
      trace_id: request.traceId,
    };
  });
}

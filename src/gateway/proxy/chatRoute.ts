import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { MaestroError } from '../../errors/index.js';
import type { Ledger } from '../../ledger/index.js';
import { type ScanOutputOptions, scanOutput } from '../../output/index.js';
import { scanRiskEvent, securityScan } from '../../scan/index.js';
import { requireRole } from '../auth/authenticate.js';
import type { OutputActions } from '../config/gatewaySettings.js';
import { identityOf } from '../requestState.js';
import { forwardedBody, parseChatRequest, scanMessagesOf } from './chatRequest.js';
import { chatCompletionSchema, guardCompletion } from './chatResponse.js';
import { guardChatStream } from './chatStream.js';
import {
  logOutputFindings,
  logStreamFindings,
  logWithheldCalls,
  type ProxyEventContext,
} from './proxyEvents.js';
import { readLimited } from './readLimited.js';
import type { ToolCallPolicy } from './toolCallPolicy.js';
import type { UpstreamClient, UpstreamResponse } from './upstreamClient.js';

export interface ChatRouteDeps {
  readonly ledger: Ledger;
  readonly upstream: UpstreamClient | undefined;
  readonly maxResponseBytes: number;
  readonly policy: ToolCallPolicy;
  readonly scanMaxBytes: number;
  readonly scanOnConfirm: 'forward' | 'block';
  readonly outputMaxBytes: number;
  readonly outputActions: OutputActions;
  readonly redactionKey: string | undefined;
  readonly onLane?: (stage: 'scan' | 'output', lane: string) => void;
}

/** Request parameters that would carry the model's raw tokens past the output guard. */
const UNGUARDED_PARAMS = ['logprobs', 'top_logprobs'] as const;

/**
 * Maps an upstream error to the client's: its own mistakes (400, 404, 422) keep the upstream's
 * message, with anything secret-looking redacted; the gateway's credentials being refused is the
 * gateway's problem (502), never a hint about its key; 429 keeps Retry-After.
 */
async function upstreamError(response: UpstreamResponse, reply: FastifyReply): Promise<MaestroError> {
  const text = await readLimited(response.body, 64 * 1024).catch(() => '');
  let message = `The upstream refused the request (${response.status}).`;
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') {
      const clean = scanOutput(parsed.error.message.slice(0, 500), {
        onSecret: 'redact',
        pii: false,
        sink: 'text',
      });
      message = `The upstream refused the request (${response.status}): ${clean.redacted}`;
    }
  } catch {
    // Not JSON: the status alone says enough.
  }
  if (response.status === 429) {
    if (response.retryAfter !== undefined && /^\d{1,5}$/.test(response.retryAfter))
      void reply.header('retry-after', response.retryAfter);
    return new MaestroError('ERR_RATE_LIMITED', {
      message: 'The upstream is rate limiting the gateway; retry later.',
    });
  }
  if (response.status === 401 || response.status === 403) {
    return new MaestroError('ERR_UPSTREAM_UNAVAILABLE', {
      message: "The upstream refused the gateway's credentials.",
    });
  }
  if (response.status === 404) return new MaestroError('ERR_NOT_FOUND', { message });
  return new MaestroError('ERR_INVALID_INPUT', { message });
}

/**
 * POST /v1/chat/completions, OpenAI-compatible (C2, C7): the messages are scanned with their
 * roles as sources (tool results are indirect input) and sanitized, the request goes upstream,
 * and the completion comes back through the output guard and the tool policy, whole or streamed.
 */
export function registerChatRoute(app: FastifyInstance, deps: ChatRouteDeps): void {
  const outputOptions = (stream: boolean): ScanOutputOptions => ({
    maxBytes: deps.outputMaxBytes,
    sink: deps.outputActions.sink,
    allowedHosts: [...deps.outputActions.allowedHosts],
    onSecret: stream ? deps.outputActions.streamOnSecret : deps.outputActions.onSecret,
    onPii: deps.outputActions.onPii,
    ...(deps.redactionKey === undefined ? {} : { redactionKey: deps.redactionKey }),
  });

  app.post('/v1/chat/completions', async (request, reply) => {
    const identity = identityOf(request);
    requireRole(identity, ['admin', 'agent']);
    const chat = parseChatRequest(request.body);
    const events: ProxyEventContext = {
      ledger: deps.ledger,
      tenantId: identity.tenantId,
      principal: identity.principal,
      traceId: request.traceId,
    };
    const messages = scanMessagesOf(chat);
    const scan = securityScan(messages, {
      maxBytes: deps.scanMaxBytes,
      context: { tenantId: identity.tenantId, principal: identity.principal, traceId: request.traceId },
    });
    deps.onLane?.('scan', scan.lane);
    if (scan.lane !== 'auto') {
      deps.ledger
        .logRiskEvent({
          ...scanRiskEvent(scan, {
            tenantId: identity.tenantId,
            principal: identity.principal,
            text: messages.map((m) => m.content).join('\n'),
          }),
          traceId: request.traceId,
        })
        .catch(() => undefined);
    }
    if (scan.lane === 'block' || (scan.lane === 'confirm' && deps.scanOnConfirm === 'block')) {
      throw new MaestroError('ERR_INPUT_BLOCKED', {
        message: `The input scan blocked the request. ${scan.reason}`,
      });
    }
    void reply.header('x-maestro-scan-lane', scan.lane);
    if (deps.upstream === undefined) {
      throw new MaestroError('ERR_UPSTREAM_NOT_CONFIGURED', {
        message:
          'No upstream is configured: set upstream.baseUrl in maestro.config.yaml or MAESTRO_UPSTREAM_URL.',
      });
    }

    const { body, withheldTools } = forwardedBody(chat, deps.policy.offers);
    for (const param of UNGUARDED_PARAMS) delete body[param];
    if (withheldTools.length > 0) void reply.header('x-maestro-withheld-tools', String(withheldTools.length));
    const stream = chat.stream === true;
    const abort = new AbortController();
    // The client went away before the answer was complete: stop the upstream request too.
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) abort.abort();
    });
    const response = await deps.upstream.post('chat/completions', JSON.stringify(body), {
      signal: abort.signal,
      traceId: request.traceId,
    });
    if (response.status >= 400) throw await upstreamError(response, reply);
    const context = {
      tenantId: identity.tenantId,
      principal: identity.principal,
      scanLane: scan.lane,
      riskScore: scan.score,
    };

    if (stream) {
      if (!response.contentType.startsWith('text/event-stream')) {
        response.body.destroy();
        throw new MaestroError('ERR_UPSTREAM_INVALID', {
          message: 'The upstream did not answer with an event stream.',
        });
      }
      const guarded = guardChatStream(response.body, {
        output: outputOptions(true),
        policy: deps.policy,
        context,
        traceId: request.traceId,
        onEnd: (report) => {
          logStreamFindings(events, report.findings, report.stopped?.code === 'ERR_OUTPUT_BLOCKED');
          logWithheldCalls(events, report.withheld, report.stopped?.code === 'ERR_TOOL_CALL_BLOCKED');
          deps.onLane?.('output', report.stopped === undefined ? 'auto' : 'block');
          if (report.stopped !== undefined) response.body.destroy();
        },
      });
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('x-accel-buffering', 'no')
        .send(Readable.from(guarded, { objectMode: false }));
    }

    const text = await readLimited(response.body, deps.maxResponseBytes);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new MaestroError('ERR_UPSTREAM_INVALID', { message: 'The upstream response is not valid JSON.' });
    }
    const parsed = chatCompletionSchema.safeParse(json);
    if (!parsed.success) {
      throw new MaestroError('ERR_UPSTREAM_INVALID', {
        message: 'The upstream response is not a chat completion.',
      });
    }
    const guarded = guardCompletion(parsed.data, {
      output: outputOptions(false),
      policy: deps.policy,
      context,
    });
    for (const result of guarded.output) logOutputFindings(events, result);
    logWithheldCalls(events, guarded.withheld, guarded.stop?.code === 'ERR_TOOL_CALL_BLOCKED');
    const redacted = guarded.output.some((r) => r.findings.length > 0);
    deps.onLane?.('output', guarded.stop !== undefined ? 'block' : redacted ? 'redact' : 'auto');
    if (guarded.stop !== undefined) throw guarded.stop;
    const out = guarded.body;
    return reply.header('content-type', 'application/json; charset=utf-8').send(out);
  });
}

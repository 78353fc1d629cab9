import Fastify, { type FastifyInstance } from 'fastify';
import { MaestroError, toSafeError } from '../errors/index.js';
import { createApprovalDesk } from '../exec/index.js';
import type { Ledger } from '../ledger/index.js';
import type { ApiKeyStore } from './auth/apiKeys.js';
import { authenticate, requireRole } from './auth/authenticate.js';
import type { CertificateIdentity } from './auth/clientCertificates.js';
import type { OidcVerifier } from './auth/oidc.js';
import { createFailureBudget } from './authFailureLog.js';
import { DEFAULT_GATEWAY_SETTINGS, type OutputActions } from './config/gatewaySettings.js';
import { DASHBOARD_PATHS, registerDashboardRoutes } from './dashboard/dashboardRoutes.js';
import { errorBody } from './httpErrors.js';
import { RateLimitedError, type RateLimits } from './limits/rateLimits.js';
import { type McpRouteDeps, registerMcpRoute } from './mcp/mcpRoute.js';
import { createGatewayMetrics } from './metrics/gatewayMetrics.js';
import { registerChatRoute } from './proxy/chatRoute.js';
import { createToolCallPolicy, type ToolCallPolicy } from './proxy/toolCallPolicy.js';
import type { UpstreamClient } from './proxy/upstreamClient.js';
import { identityOf } from './requestState.js';
import { registerApprovalRoutes } from './routes/approvalRoutes.js';
import { registerHealthRoutes } from './routes/healthRoutes.js';
import { registerKeyRoutes } from './routes/keyRoutes.js';
import { registerLedgerRoutes } from './routes/ledgerRoutes.js';
import { registerScanOutputRoute } from './routes/scanOutputRoute.js';
import { registerScanRoute } from './routes/scanRoute.js';
import { traceIdOf } from './traceContext.js';

export interface GatewayAppOptions {
  readonly ledger: Ledger;
  readonly keys: ApiKeyStore;
  readonly bodyLimitBytes: number;
  /** Whole-request deadline (Node's requestTimeout): slow clients get 408. */
  readonly requestTimeoutMs: number;
  readonly connectionTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly scanMaxBytes: number;
  readonly outputMaxBytes: number;
  readonly redactionKey: string | undefined;
  /** Request-rate and concurrency limits, charged after authentication. */
  readonly limits: RateLimits;
  /** IdP bearer tokens (C4), besides API keys. */
  readonly oidc?: OidcVerifier;
  /** Serve HTTPS; with `requestCert`, clients present certificates signed by `ca` (mTLS, C12). */
  readonly https?: {
    readonly key: string;
    readonly cert: string;
    readonly ca?: string;
    readonly requestCert: boolean;
  };
  /** Client certificates that stand for workload identities. */
  readonly certificates?: readonly CertificateIdentity[];
  /** The guarded MCP endpoint (`/mcp`), when MCP servers are configured. */
  readonly mcp?: Pick<McpRouteDeps, 'catalog' | 'executor' | 'version'>;
  /** The LLM proxy (`/v1/chat/completions`); without an upstream the route answers 503. */
  readonly proxy?: {
    readonly upstream: UpstreamClient | undefined;
    readonly maxResponseBytes: number;
    readonly toolCalls: ToolCallPolicy;
    readonly scanOnConfirm: 'forward' | 'block';
    readonly outputActions: OutputActions;
  };
}

const PUBLIC_ROUTES = new Set(['/healthz', '/readyz', ...DASHBOARD_PATHS]);

/** Fastify's own error codes a client can cause, as maestro codes. */
function fromFastify(error: { code?: unknown; statusCode?: unknown }): MaestroError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new MaestroError('ERR_INPUT_TOO_LARGE', {
        message: 'The request body is larger than the gateway accepts.',
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new MaestroError('ERR_INVALID_INPUT', { message: 'Send the body as application/json.' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new MaestroError('ERR_INVALID_INPUT', { message: 'The body is not valid JSON.' });
    default:
      if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
        return new MaestroError('ERR_INVALID_INPUT', { message: 'The request is malformed.' });
      }
      return undefined;
  }
}

/**
 * The gateway's HTTP application: trace ids, authentication before any route that touches data,
 * OpenAI-style error bodies with stable codes (never a stack), and the routes.
 */
export function createGatewayApp(options: GatewayAppOptions): FastifyInstance {
  // One instance type for HTTP and HTTPS: the routes do not depend on the transport.
  const app = Fastify({
    ...(options.https === undefined
      ? {}
      : {
          https: {
            key: options.https.key,
            cert: options.https.cert,
            ...(options.https.ca === undefined ? {} : { ca: options.https.ca }),
            // Required client certificates are checked in the handshake: no certificate, no request.
            requestCert: options.https.requestCert,
            rejectUnauthorized: options.https.requestCert,
            minVersion: 'TLSv1.2' as const,
          },
        }),
    logger: false,
    bodyLimit: options.bodyLimitBytes,
    requestTimeout: options.requestTimeoutMs,
    connectionTimeout: options.connectionTimeoutMs,
    keepAliveTimeout: options.keepAliveTimeoutMs,
    // A JSON body with __proto__ or constructor.prototype is refused, not parsed.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
  });
  const metrics = createGatewayMetrics({ ledger: options.ledger });
  // A flood of bad credentials must not become a flood of ledger writes.
  const authFailures = createFailureBudget(60, 60_000);
  const rateLimited = createFailureBudget(60, 60_000);
  const releases = new WeakMap<object, () => void>();
  const release = (request: object) => {
    releases.get(request)?.();
    releases.delete(request);
  };
  app.decorateRequest('traceId', '');
  app.decorateRequest('identity', undefined);

  app.addHook('onRequest', async (request, reply) => {
    request.traceId = traceIdOf(request.headers.traceparent);
    void reply.header('x-maestro-trace-id', request.traceId);
    if (PUBLIC_ROUTES.has(request.routeOptions.url ?? '')) return;
    request.identity = await authenticate(request, options.keys, options.oidc, options.certificates);
    releases.set(request, await options.limits.admit(request.identity.tenantId, request.identity.principal));
  });
  // API responses are data: never sniffed, framed, cached or sent with a referrer.
  app.addHook('onSend', async (_request, reply, payload) => {
    void reply.headers({
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      // The dashboard's pages bring their own policy; everything else is data.
      'content-security-policy':
        reply.getHeader('content-security-policy') ?? "default-src 'none'; frame-ancestors 'none'",
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      ...(options.https === undefined ? {} : { 'strict-transport-security': 'max-age=31536000' }),
    });
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    release(request);
    // The route pattern, not the URL: unmatched paths share one label, so labels stay bounded.
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
  app.addHook('onRequestAbort', async (request) => release(request));

  app.setErrorHandler(async (error, request, reply) => {
    const known =
      error instanceof MaestroError ? error : fromFastify(error as { code?: unknown; statusCode?: unknown });
    const safe = known === undefined ? toSafeError(error) : known.toJSON();
    const { status, body } = errorBody(safe, request.traceId || traceIdOf(undefined));
    if (error instanceof RateLimitedError) {
      void reply.header('retry-after', String(error.retryAfterSec));
      const taken = rateLimited.take();
      if (taken.log && request.identity !== undefined) {
        options.ledger
          .logRiskEvent({
            tenantId: request.identity.tenantId,
            type: 'rate_limited',
            severity: 'low',
            detector: 'gateway.limits',
            refs: { layers: [5, 6], controls: ['C6', 'C22'], threats: ['T3'] },
            actor: { principal: request.identity.principal },
            preview: `${error.limit} limit`,
            traceId: request.traceId,
            attributes: {
              limit: error.limit,
              retryAfterSec: error.retryAfterSec,
              suppressedBefore: taken.carried,
            },
          })
          .catch(() => undefined);
      }
    }
    const budget = safe.code === 'ERR_UNAUTHENTICATED' ? authFailures.take() : undefined;
    if (budget?.log === true) {
      options.ledger
        .logRiskEvent({
          tenantId: 'default',
          type: 'auth_failed',
          severity: 'medium',
          detector: 'gateway.auth',
          refs: { layers: [6], controls: ['C4'], threats: ['T2'] },
          preview: `${request.method} ${request.routeOptions.url ?? 'unknown route'}`,
          traceId: request.traceId,
          attributes: {
            ip: request.ip,
            route: request.routeOptions.url ?? null,
            suppressedBefore: budget.carried,
          },
        })
        .catch(() => undefined);
    }
    return reply.code(status).send(body);
  });

  app.setNotFoundHandler(async (request, reply) => {
    const { status, body } = errorBody(
      new MaestroError('ERR_NOT_FOUND', {
        message: `No route ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}.`,
      }).toJSON(),
      request.traceId || traceIdOf(undefined),
    );
    return reply.code(status).send(body);
  });

  registerHealthRoutes(app, { ledger: options.ledger });
  registerDashboardRoutes(app);
  app.get('/metrics', async (request, reply) => {
    requireRole(identityOf(request), ['admin', 'reader']);
    return reply.header('content-type', metrics.contentType).send(await metrics.render());
  });
  registerScanRoute(app, {
    ledger: options.ledger,
    maxBytes: options.scanMaxBytes,
    onLane: (lane) => metrics.countLane('scan', lane),
  });
  registerLedgerRoutes(app, { ledger: options.ledger });
  if (options.mcp !== undefined) {
    registerMcpRoute(app, { ...options.mcp, ledger: options.ledger, scanMaxBytes: options.scanMaxBytes });
  }
  const proxy = options.proxy;
  registerChatRoute(app, {
    ledger: options.ledger,
    upstream: proxy?.upstream,
    maxResponseBytes: proxy?.maxResponseBytes ?? 8 * 1024 * 1024,
    policy: proxy?.toolCalls ?? createToolCallPolicy(DEFAULT_GATEWAY_SETTINGS.toolCalls),
    scanMaxBytes: options.scanMaxBytes,
    scanOnConfirm: proxy?.scanOnConfirm ?? DEFAULT_GATEWAY_SETTINGS.scanOnConfirm,
    outputMaxBytes: options.outputMaxBytes,
    outputActions: proxy?.outputActions ?? DEFAULT_GATEWAY_SETTINGS.outputActions,
    redactionKey: options.redactionKey,
    onLane: (stage, lane) => metrics.countLane(stage === 'scan' ? 'chat' : 'output', lane),
  });
  registerApprovalRoutes(app, { desk: createApprovalDesk(options.ledger) });
  registerKeyRoutes(app, { keys: options.keys, ledger: options.ledger, oidc: options.oidc });
  registerScanOutputRoute(app, {
    ledger: options.ledger,
    maxBytes: options.outputMaxBytes,
    redactionKey: options.redactionKey,
    onLane: (lane) => metrics.countLane('output', lane),
  });
  return app;
}

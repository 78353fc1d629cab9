import type { FastifyInstance } from 'fastify';
import type { Ledger, RiskEventQuery, RiskStatsQuery } from '../../ledger/index.js';
import { requireRole } from '../auth/authenticate.js';
import { identityOf } from '../requestState.js';
import { integerParam, listParam, stringParam } from './queryParams.js';

type Query = Record<string, unknown>;

const READERS = ['admin', 'approver', 'reader'] as const;

/**
 * The caller's tenant's ledger over HTTP: events, statistics, signed heads and inclusion proofs.
 * The tenant is always the caller's own (from its credentials), never a parameter.
 */
export function registerLedgerRoutes(app: FastifyInstance, deps: { ledger: Ledger }): void {
  const { ledger } = deps;

  app.get('/v1/events', async (request) => {
    const identity = identityOf(request);
    requireRole(identity, READERS);
    const q = request.query as Query;
    const limit = integerParam('limit', q.limit);
    const query = {
      tenantId: identity.tenantId,
      ...(listParam(q.types) === undefined ? {} : { types: listParam(q.types) }),
      ...(listParam(q.lanes) === undefined ? {} : { lanes: listParam(q.lanes) }),
      ...(stringParam(q.from) === undefined ? {} : { from: stringParam(q.from) }),
      ...(stringParam(q.to) === undefined ? {} : { to: stringParam(q.to) }),
      ...(stringParam(q.traceId) === undefined ? {} : { traceId: stringParam(q.traceId) }),
      ...(stringParam(q.cursor) === undefined ? {} : { cursor: stringParam(q.cursor) }),
      ...(stringParam(q.order) === undefined ? {} : { order: stringParam(q.order) }),
      ...(limit === undefined ? {} : { limit }),
    } as RiskEventQuery;
    return ledger.queryRiskEvents(query);
  });

  app.get('/v1/stats', async (request) => {
    const identity = identityOf(request);
    requireRole(identity, READERS);
    const q = request.query as Query;
    const to = stringParam(q.to) ?? new Date().toISOString();
    const from = stringParam(q.from) ?? new Date(Date.parse(to) - 86_400_000).toISOString();
    return ledger.getRiskStats({
      tenantId: identity.tenantId,
      from,
      to,
      ...(stringParam(q.bucket) === undefined ? {} : { bucket: stringParam(q.bucket) }),
    } as RiskStatsQuery);
  });

  app.get('/v1/ledger/heads', async (request) => {
    const identity = identityOf(request);
    requireRole(identity, READERS);
    return {
      tenantId: identity.tenantId,
      keyId: ledger.keyId,
      publicKeyPem: ledger.publicKeyPem,
      heads: await ledger.readHeads(identity.tenantId),
    };
  });

  app.get<{ Params: { id: string } }>('/v1/ledger/proof/:id', async (request) => {
    const identity = identityOf(request);
    requireRole(identity, READERS);
    return ledger.proveEvent(identity.tenantId, request.params.id);
  });
}

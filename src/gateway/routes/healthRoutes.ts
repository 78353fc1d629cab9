import type { FastifyInstance } from 'fastify';
import type { Ledger } from '../../ledger/index.js';

/** Liveness (the process answers) and readiness (the store answers); no credentials, no data. */
export function registerHealthRoutes(app: FastifyInstance, deps: { ledger: Ledger }): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await deps.ledger.store.transaction('', (tx) => tx.query('SELECT 1'));
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
}

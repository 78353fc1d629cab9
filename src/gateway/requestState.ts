import type { FastifyRequest } from 'fastify';
import { MaestroError } from '../errors/index.js';
import type { RequestIdentity } from './auth/authenticate.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** W3C trace id of the request (the caller's traceparent, or a new one). */
    traceId: string;
    /** Set by the authentication hook before any handler that touches data runs. */
    identity: RequestIdentity | undefined;
  }
}

/** The authenticated caller; a route that reaches here without one is a bug, refused closed. */
export function identityOf(request: FastifyRequest): RequestIdentity {
  if (request.identity === undefined) throw new MaestroError('ERR_UNAUTHENTICATED');
  return request.identity;
}

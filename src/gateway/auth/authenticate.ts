import type { FastifyReply, FastifyRequest } from 'fastify';
import { MaestroError } from '../../errors/index.js';
import type { ApiKeyIdentity, ApiKeyStore } from './apiKeys.js';

const BEARER = /^Bearer ([\x21-\x7e]{1,4096})$/;

/** The principal of an authenticated request. */
export type RequestIdentity = ApiKeyIdentity & { readonly method: 'api_key' };

/**
 * Resolves the caller from `Authorization: Bearer <api key>`. Any other header, an unknown or
 * revoked key, or a wrong one is ERR_UNAUTHENTICATED with the same message, so a caller cannot
 * tell which (and the comparison itself is constant-time).
 */
export async function authenticate(request: FastifyRequest, keys: ApiKeyStore): Promise<RequestIdentity> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  const identity = match === null ? undefined : await keys.verify(match[1] as string);
  if (identity === undefined) {
    throw new MaestroError('ERR_UNAUTHENTICATED', {
      message: 'Missing or invalid credentials: send Authorization: Bearer <api key>.',
    });
  }
  return { ...identity, method: 'api_key' };
}

/** Refuses a request whose role may not use the route. */
export function requireRole(
  identity: RequestIdentity,
  roles: readonly ApiKeyIdentity['role'][],
  _reply?: FastifyReply,
): void {
  if (!roles.includes(identity.role)) {
    throw new MaestroError('ERR_FORBIDDEN', {
      message: `This route needs one of the roles ${roles.join(', ')}.`,
    });
  }
}

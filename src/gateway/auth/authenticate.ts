import type { FastifyRequest } from 'fastify';
import { MaestroError } from '../../errors/index.js';
import type { ApiKeyIdentity, ApiKeyStore } from './apiKeys.js';
import { type CertificateIdentity, identityFromCertificate } from './clientCertificates.js';
import { looksLikeJwt, type OidcVerifier } from './oidc.js';

const BEARER = /^Bearer ([\x21-\x7e]{1,4096})$/;

/** The principal of an authenticated request. */
export type RequestIdentity =
  | (ApiKeyIdentity & { readonly method: 'api_key' })
  | {
      readonly method: 'oidc';
      readonly keyId: null;
      readonly tenantId: string;
      readonly principal: string;
      readonly role: ApiKeyIdentity['role'];
      readonly mfa: boolean;
      readonly claims: Readonly<Record<string, unknown>>;
    }
  | {
      readonly method: 'mtls';
      readonly keyId: null;
      readonly tenantId: string;
      readonly principal: string;
      readonly role: ApiKeyIdentity['role'];
      readonly subject: string;
      readonly fingerprint256: string;
    };

/**
 * Resolves the caller: a verified client certificate mapped to a workload identity (mTLS), else
 * `Authorization: Bearer <api key or IdP token>`. Any other header, an unknown or
 * revoked key, or a wrong one is ERR_UNAUTHENTICATED with the same message, so a caller cannot
 * tell which (and the comparison itself is constant-time).
 */
export async function authenticate(
  request: FastifyRequest,
  keys: ApiKeyStore,
  oidc: OidcVerifier | undefined,
  certificates?: readonly CertificateIdentity[],
): Promise<RequestIdentity> {
  if (certificates !== undefined && certificates.length > 0) {
    const workload = identityFromCertificate(request.raw.socket, certificates);
    if (workload !== undefined) return { method: 'mtls', keyId: null, ...workload };
  }
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  const token = match?.[1];
  if (token !== undefined && oidc !== undefined && looksLikeJwt(token)) {
    const verified = await oidc.verify(token);
    return { method: 'oidc', keyId: null, ...verified };
  }
  const identity = token === undefined ? undefined : await keys.verify(token);
  if (identity === undefined) {
    throw new MaestroError('ERR_UNAUTHENTICATED', {
      message: 'Missing or invalid credentials: send Authorization: Bearer <api key>.',
    });
  }
  return { ...identity, method: 'api_key' };
}

/** Refuses a request whose role may not use the route. */
export function requireRole(identity: RequestIdentity, roles: readonly ApiKeyIdentity['role'][]): void {
  if (!roles.includes(identity.role)) {
    throw new MaestroError('ERR_FORBIDDEN', {
      message: `This route needs one of the roles ${roles.join(', ')}.`,
    });
  }
}

/**
 * Admin routes: the admin role, and for an IdP token a second factor in `amr` (unless the
 * deployment turned that off). API keys are machine credentials and carry no `amr`.
 */
export function requireAdmin(identity: RequestIdentity, oidc: OidcVerifier | undefined): void {
  requireRole(identity, ['admin']);
  if (identity.method === 'oidc' && oidc?.adminRequiresMfa !== false && !identity.mfa) {
    throw new MaestroError('ERR_FORBIDDEN', {
      message: 'Admin requests need a token issued after multi-factor authentication.',
    });
  }
}

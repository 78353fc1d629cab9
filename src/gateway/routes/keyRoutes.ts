import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalidOptionsFromZod, MaestroError } from '../../errors/index.js';
import type { Ledger } from '../../ledger/index.js';
import { API_KEY_ROLES, type ApiKeyStore } from '../auth/apiKeys.js';
import { requireAdmin } from '../auth/authenticate.js';
import type { OidcVerifier } from '../auth/oidc.js';
import { identityOf } from '../requestState.js';

const createBody = z.strictObject({
  principal: z
    .string()
    .min(1)
    .max(256)
    .refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s), 'must not contain control characters'),
  role: z.enum(API_KEY_ROLES),
  label: z.string().max(200).optional(),
});

/**
 * API key management for the caller's own tenant (admin only): create (the key is in the
 * response once, never again), list (ids, principals, roles; never hashes) and revoke. Every
 * change is a `config_changed` event.
 */
export function registerKeyRoutes(
  app: FastifyInstance,
  deps: { keys: ApiKeyStore; ledger: Ledger; oidc: OidcVerifier | undefined },
): void {
  const log = (tenantId: string, principal: string, traceId: string, action: string, keyId: string) =>
    deps.ledger
      .logRiskEvent({
        tenantId,
        type: 'config_changed',
        severity: 'medium',
        detector: 'gateway.keys',
        refs: { layers: [6], controls: ['C4', 'C10'] },
        actor: { principal },
        preview: `api key ${action}`,
        traceId,
        attributes: { action, keyId },
      })
      .catch(() => undefined);

  app.get('/v1/keys', async (request) => {
    const identity = identityOf(request);
    requireAdmin(identity, deps.oidc);
    return { keys: await deps.keys.list(identity.tenantId) };
  });

  app.post('/v1/keys', async (request, reply) => {
    const identity = identityOf(request);
    requireAdmin(identity, deps.oidc);
    const parsed = createBody.safeParse(request.body);
    if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
    const created = await deps.keys.create({
      tenantId: identity.tenantId,
      principal: parsed.data.principal,
      role: parsed.data.role,
      ...(parsed.data.label === undefined ? {} : { label: parsed.data.label }),
    });
    await log(identity.tenantId, identity.principal, request.traceId, 'created', created.identity.keyId);
    return reply.code(201).send({ key: created.key, ...created.identity });
  });

  app.post<{ Params: { keyId: string } }>('/v1/keys/:keyId/revoke', async (request) => {
    const identity = identityOf(request);
    requireAdmin(identity, deps.oidc);
    if (!/^[0-9a-f]{16}$/.test(request.params.keyId))
      throw new MaestroError('ERR_NOT_FOUND', { message: 'No such key.' });
    if (!(await deps.keys.revoke(identity.tenantId, request.params.keyId))) {
      throw new MaestroError('ERR_NOT_FOUND', { message: 'No such key (or it is already revoked).' });
    }
    await log(identity.tenantId, identity.principal, request.traceId, 'revoked', request.params.keyId);
    return { keyId: request.params.keyId, revoked: true };
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalidOptionsFromZod } from '../../errors/index.js';
import { APPROVAL_STATUSES, type ApprovalApi, type ApprovalStatus } from '../../exec/index.js';
import { requireRole } from '../auth/authenticate.js';
import { identityOf } from '../requestState.js';
import { integerParam, listParam } from './queryParams.js';

const decisionBody = z.strictObject({ note: z.string().max(1000).optional() }).optional();

/**
 * The approver's desk over HTTP (C3). The approver is the authenticated principal (never a body
 * field), and the desk refuses the requester and the agent acting for it. Running an approved
 * call is the executor's: the agent proposes it again, or the service resumes it.
 */
export function registerApprovalRoutes(app: FastifyInstance, deps: { desk: ApprovalApi }): void {
  const { desk } = deps;

  app.get('/v1/approvals', async (request) => {
    const identity = identityOf(request);
    requireRole(identity, ['admin', 'approver', 'reader']);
    const q = request.query as Record<string, unknown>;
    const status = listParam(q.status);
    for (const s of status ?? []) {
      if (!(APPROVAL_STATUSES as readonly string[]).includes(s)) {
        throw invalidOptionsFromZod(
          new z.ZodError([
            {
              code: 'custom',
              path: ['status'],
              message: `expected one of ${APPROVAL_STATUSES.join(', ')}`,
              input: s,
            },
          ]),
        );
      }
    }
    const limit = integerParam('limit', q.limit);
    return desk.list(identity.tenantId, {
      ...(status === undefined ? {} : { status: status as ApprovalStatus[] }),
      ...(limit === undefined ? {} : { limit }),
    });
  });

  app.get<{ Params: { id: string } }>('/v1/approvals/:id', async (request) => {
    const identity = identityOf(request);
    requireRole(identity, ['admin', 'approver']);
    return desk.get(identity.tenantId, request.params.id);
  });

  for (const action of ['approve', 'deny'] as const) {
    app.post<{ Params: { id: string } }>(`/v1/approvals/:id/${action}`, async (request) => {
      const identity = identityOf(request);
      requireRole(identity, ['admin', 'approver']);
      const parsed = decisionBody.safeParse(request.body ?? undefined);
      if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
      const by = {
        approver: identity.principal,
        ...(parsed.data?.note === undefined ? {} : { note: parsed.data.note }),
      };
      return action === 'approve'
        ? desk.approve(identity.tenantId, request.params.id, by)
        : desk.deny(identity.tenantId, request.params.id, by);
    });
  }
}

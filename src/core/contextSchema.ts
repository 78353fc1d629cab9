import { z } from 'zod';
import { CONTEXT_FIELD_MAX } from './contextCheck.js';
import { SOURCES } from './source.js';

/** zod schemas of the shared vocabulary, for every module's options. */
export const sourceSchema = z.enum(SOURCES);

export const contextSchema = z.strictObject({
  tenantId: z.string().min(1).max(CONTEXT_FIELD_MAX.tenantId).optional(),
  traceId: z.string().min(1).max(CONTEXT_FIELD_MAX.traceId).optional(),
  principal: z.string().min(1).max(CONTEXT_FIELD_MAX.principal).optional(),
  agentId: z.string().min(1).max(CONTEXT_FIELD_MAX.agentId).optional(),
  source: sourceSchema.optional(),
});

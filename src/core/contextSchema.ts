import { z } from 'zod';
import { SOURCES } from './source.js';

/** zod schemas of the shared vocabulary, for every module's options. */
export const sourceSchema = z.enum(SOURCES);

export const contextSchema = z.strictObject({
  tenantId: z.string().min(1).max(128).optional(),
  traceId: z.string().min(1).max(128).optional(),
  principal: z.string().min(1).max(256).optional(),
  agentId: z.string().min(1).max(256).optional(),
  source: sourceSchema.optional(),
});

import { z } from 'zod';
import { invalidOptionsFromZod } from '../../errors/index.js';
import { type GrantBudget, grantBudgetSchema } from '../../identity/index.js';

/**
 * Limits of a task (or of a tenant per window): `maxSteps` (turns of the agent loop),
 * `maxToolCalls`, `maxWallMs` (from the start of the task), `maxCost` (units each tool declares).
 * A limit left out is not enforced. They are the limits a delegation grant carries.
 */
export type Budget = GrantBudget;

export const budgetSchema = grantBudgetSchema;

export const tenantBudgetSchema = budgetSchema.omit({ maxWallMs: true }).extend({
  windowMs: z
    .number()
    .int()
    .min(1000)
    .max(366 * 86_400_000),
});

export type TenantBudget = z.output<typeof tenantBudgetSchema>;

/** ERR_INVALID_OPTIONS naming the key for a budget that is not valid. */
export function parseBudget(value: unknown): Budget {
  const parsed = budgetSchema.safeParse(value);
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  return parsed.data;
}

export function parseTenantBudget(value: unknown): TenantBudget {
  const parsed = tenantBudgetSchema.safeParse(value);
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  return parsed.data;
}

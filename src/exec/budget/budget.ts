import { z } from 'zod';
import { invalidOptionsFromZod } from '../../errors/index.js';

const DAY_MS = 86_400_000;

/**
 * Limits of one task (an agent run). A limit left out is not enforced.
 * - `maxSteps`: turns of the agent loop (`step()`).
 * - `maxToolCalls`: tool calls, counted when reserved.
 * - `maxWallMs`: wall-clock time from `startTask`.
 * - `maxCost`: cost units, as each tool declares them.
 *
 * The same shape (and bounds) as a delegation grant's budget, so a grant's budget can be a task's.
 */
export const budgetSchema = z.strictObject({
  maxSteps: z.number().int().min(1).max(1_000_000_000).optional(),
  maxToolCalls: z.number().int().min(1).max(1_000_000_000).optional(),
  maxWallMs: z
    .number()
    .int()
    .min(1)
    .max(30 * DAY_MS)
    .optional(),
  // 0 is allowed: only tools that cost nothing may run.
  maxCost: z.number().finite().min(0).max(1e12).optional(),
});

export type Budget = z.output<typeof budgetSchema>;

/**
 * A tenant's limits per fixed window of `windowMs` (windows start at multiples of `windowMs` since
 * the epoch, so a day is a UTC day), shared by all the tenant's tasks. `maxWallMs` here is the
 * tenant's task time: the wall-clock time of all its open tasks added up within the window.
 */
export const tenantBudgetSchema = budgetSchema.extend({
  maxWallMs: z.number().int().min(1).max(1e12).optional(),
  windowMs: z
    .number()
    .int()
    .min(1)
    .max(366 * DAY_MS),
});

export type TenantBudget = z.output<typeof tenantBudgetSchema>;

/** The budget, checked: ERR_INVALID_OPTIONS naming the key otherwise (never the value). */
export function parseBudget(value: unknown): Budget {
  const parsed = budgetSchema.safeParse(value);
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  return parsed.data;
}

/** The tenant budget, checked: ERR_INVALID_OPTIONS naming the key otherwise. */
export function parseTenantBudget(value: unknown): TenantBudget {
  const parsed = tenantBudgetSchema.safeParse(value);
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  return parsed.data;
}

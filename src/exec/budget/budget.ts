import { z } from 'zod';
import { invalidOptionsFromZod } from '../../errors/index.js';

/** Limits of a task (or of a tenant per window). A limit left out is not enforced. */
export interface Budget {
  /** Turns of the agent loop (`task.step()`). */
  readonly maxSteps?: number;
  readonly maxToolCalls?: number;
  /** Wall-clock time from the start of the task. */
  readonly maxWallMs?: number;
  /** Cost units (each tool declares its `cost`). */
  readonly maxCost?: number;
}

export const budgetSchema = z.strictObject({
  maxSteps: z.number().int().min(1).max(1_000_000_000).optional(),
  maxToolCalls: z.number().int().min(1).max(1_000_000_000).optional(),
  maxWallMs: z
    .number()
    .int()
    .min(1)
    .max(30 * 86_400_000)
    .optional(),
  maxCost: z.number().finite().min(0).max(1e12).optional(),
});

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
